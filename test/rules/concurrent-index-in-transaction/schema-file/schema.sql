-- schemawise: dialect=postgresql
-- Not a migration: silent.
BEGIN;
CREATE TABLE orders (id bigint PRIMARY KEY, reference text NOT NULL);
CREATE INDEX CONCURRENTLY orders_reference_idx ON orders (reference);
COMMIT;
