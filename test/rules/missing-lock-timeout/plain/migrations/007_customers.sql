-- schemawise: dialect=postgresql
-- A table from a schema file existed before the migration.
ALTER TABLE customers ADD COLUMN phone text;
--          ^^^^^^^^^ missing-lock-timeout
