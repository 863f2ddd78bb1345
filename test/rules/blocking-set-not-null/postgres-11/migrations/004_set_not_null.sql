-- schemawise: dialect=postgresql
-- PostgreSQL 11 scans even with a valid check.
ALTER TABLE users ALTER COLUMN name SET NOT NULL;
--                ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ blocking-set-not-null
