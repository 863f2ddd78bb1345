-- migrate:up transaction:false
ALTER TABLE orders ADD COLUMN priority int;
UPDATE orders SET priority = 0;

-- migrate:down
ALTER TABLE orders DROP COLUMN priority;
