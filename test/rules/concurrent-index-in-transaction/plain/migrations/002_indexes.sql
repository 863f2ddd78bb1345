-- schemawise: dialect=postgresql
-- No framework wraps this file and it says no BEGIN: each statement runs on its own.
CREATE INDEX CONCURRENTLY orders_reference_idx ON orders (reference);
DROP INDEX CONCURRENTLY orders_note_idx;
