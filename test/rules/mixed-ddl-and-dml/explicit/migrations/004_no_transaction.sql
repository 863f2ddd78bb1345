-- schemawise: dialect=postgresql
-- No BEGIN and no known framework: each statement commits on its own, the ALTER's lock is gone before the UPDATE.
ALTER TABLE orders ADD COLUMN priority int;
UPDATE orders SET priority = 0;
