-- schemawise: dialect=postgresql
-- A schema file is not run against a live table: silent.
CREATE TABLE orders (id bigint PRIMARY KEY, reference text NOT NULL);
CREATE INDEX orders_reference_idx ON orders (reference);
DROP INDEX orders_reference_idx;
