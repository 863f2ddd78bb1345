-- schemawise: dialect=postgresql
-- Not a migration: silent.
CREATE TABLE customers (id bigint PRIMARY KEY, name text);
ALTER TABLE customers ADD COLUMN email text;
