-- schemawise: dialect=postgresql
BEGIN;
SET LOCAL lock_timeout TO '3s';
ALTER TABLE orders ALTER COLUMN note SET DEFAULT '';
COMMIT;
