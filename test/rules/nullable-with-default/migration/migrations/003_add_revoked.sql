-- schemawise: dialect=postgresql
-- The newest migration: the fix adds NOT NULL (PG 11+ fills existing rows with the default, no NULLs exist).
ALTER TABLE sessions ADD COLUMN revoked boolean DEFAULT false;
--                              ^^^^^^^ nullable-with-default
