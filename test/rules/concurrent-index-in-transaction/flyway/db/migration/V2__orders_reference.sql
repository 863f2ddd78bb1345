-- schemawise: dialect=postgresql
-- Only statements that refuse a transaction: Flyway runs this migration without one.
DROP INDEX CONCURRENTLY orders_note_idx;
CREATE INDEX CONCURRENTLY orders_reference_idx ON orders (reference);
