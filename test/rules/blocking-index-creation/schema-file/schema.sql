-- schemawise: dialect=postgresql
-- A schema file describes the current state, not a change to a live table: silent.
CREATE TABLE orders (id bigint PRIMARY KEY, reference text NOT NULL);
CREATE INDEX orders_reference_idx ON orders (reference);
