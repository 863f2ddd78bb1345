-- schemawise: dialect=postgresql
-- golang-migrate runs the file as one transaction: SET LOCAL holds for all of it.
SET LOCAL lock_timeout = '5s';
ALTER TABLE orders ADD COLUMN shipped_at timestamptz;
DROP INDEX orders_pkey_missing;
