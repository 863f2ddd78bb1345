-- schemawise: dialect=postgresql
-- A schema file is not run against a live table: silent.
CREATE TABLE customers (id bigint PRIMARY KEY, email text NOT NULL);
ALTER TABLE customers ADD CONSTRAINT customers_email_key UNIQUE (email);
