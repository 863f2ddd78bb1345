-- schemawise: dialect=postgresql
-- An applied migration: no fix here, the help describes the backfill in a new migration.
ALTER TABLE sessions ADD COLUMN active boolean DEFAULT false;
--                              ^^^^^^ nullable-with-default
