-- schemawise: dialect=postgresql
BEGIN;
  CREATE INDEX CONCURRENTLY orders_reference_idx ON orders (reference);
--^^^^^^^^^^^^ concurrent-index-in-transaction
  DROP INDEX CONCURRENTLY orders_note_idx;
--^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ concurrent-index-in-transaction
-- Even on a table created in this file: PostgreSQL refuses the statement itself.
CREATE TABLE refunds (id bigint PRIMARY KEY, reason text);
  CREATE INDEX CONCURRENTLY refunds_reason_idx ON refunds (reason);
--^^^^^^^^^^^^ concurrent-index-in-transaction
COMMIT;
-- After COMMIT: outside any transaction.
CREATE UNIQUE INDEX CONCURRENTLY orders_note_key ON orders (note);
