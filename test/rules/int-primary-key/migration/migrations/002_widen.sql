-- schemawise: dialect=postgresql
-- Widened in a later migration: no longer reported for `teams` (`users` keeps its finding, with no fix in an applied migration).
ALTER TABLE teams ALTER COLUMN id TYPE bigint;
--                ^^^^^^^^^^^^^^^^^^^^^^^^^^^ table-rewrite
