-- schemawise: dialect=postgresql
CREATE TABLE customers (id bigint PRIMARY KEY, email text NOT NULL);
CREATE TABLE orders (id bigint PRIMARY KEY, reference text NOT NULL, placed_at timestamptz NOT NULL);
-- The tables are new in this file: empty, so a plain build blocks nobody.
CREATE INDEX orders_placed_at_idx ON orders (placed_at);
CREATE UNIQUE INDEX customers_email_key ON customers (email);
