-- schemawise: dialect=postgresql
BEGIN;
-- The backfill runs before the schema change: the ALTER's lock is taken after it, and held only until COMMIT.
UPDATE customers SET name = trim(name);
ALTER TABLE customers ADD COLUMN email text;
COMMIT;
-- Two transactions: the lock of the first is released before the second begins.
BEGIN;
ALTER TABLE customers ADD COLUMN phone text;
COMMIT;
BEGIN;
UPDATE customers SET phone = '';
COMMIT;
