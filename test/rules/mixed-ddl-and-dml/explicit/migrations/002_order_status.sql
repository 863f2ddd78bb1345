-- schemawise: dialect=postgresql
BEGIN;
ALTER TABLE orders ADD COLUMN status text;
-- The backfill runs under the ACCESS EXCLUSIVE lock of the ALTER above until COMMIT.
  UPDATE orders SET status = 'new' WHERE status IS NULL;
--^^^^^^^^^^^^^ mixed-ddl-and-dml
-- Reported once per file.
DELETE FROM orders WHERE note = 'test';
COMMIT;
