-- schemawise: dialect=postgresql
-- Not a migration: silent.
BEGIN;
CREATE TABLE orders (id bigint PRIMARY KEY, note text);
ALTER TABLE orders ADD COLUMN status text;
UPDATE orders SET status = 'new';
COMMIT;
