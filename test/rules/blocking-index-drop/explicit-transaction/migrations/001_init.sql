-- schemawise: dialect=postgresql
CREATE TABLE orders (id bigint PRIMARY KEY, reference text NOT NULL);
CREATE INDEX orders_reference_idx ON orders (reference);
