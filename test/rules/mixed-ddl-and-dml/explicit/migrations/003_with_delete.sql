-- schemawise: dialect=postgresql
BEGIN;
ALTER TABLE customers ALTER COLUMN name SET DEFAULT '';
-- The lock is on `customers`, the backfill on another table: `customers` waits all the same.
  WITH stale AS (SELECT id FROM orders WHERE created_at < now() - interval '5 years')
  DELETE FROM ONLY public.orders WHERE id IN (SELECT id FROM stale);
--^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ mixed-ddl-and-dml
COMMIT;
