-- schemawise: dialect=postgresql
BEGIN;
ALTER TABLE orders ADD COLUMN refunded boolean;
CREATE TABLE refunds (id bigint PRIMARY KEY, order_id bigint, reason text);
INSERT INTO refunds (id, order_id, reason) SELECT id, id, note FROM orders WHERE note LIKE 'refund%';
-- A table created earlier in this file: nobody else uses it yet.
UPDATE refunds SET reason = lower(reason);
COMMIT;
