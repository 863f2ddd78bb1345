-- schemawise: dialect=postgresql
-- The newest migration: the fix appends NOT VALID and a VALIDATE CONSTRAINT (named as PostgreSQL names it).
ALTER TABLE orders ADD FOREIGN KEY (coupon_id) REFERENCES coupons (id) ON DELETE SET NULL;
--                     ^^^^^^^^^^^ foreign-key-without-not-valid
-- A new column with a default: every row gets a value that is checked.
ALTER TABLE orders ADD COLUMN referrer_id bigint DEFAULT 0 REFERENCES customers (id);
--                                                         ^^^^^^^^^^ foreign-key-without-not-valid
CREATE INDEX CONCURRENTLY orders_referrer_id_idx ON orders (referrer_id);
-- A new column without a default is NULL everywhere: PostgreSQL skips the check.
ALTER TABLE orders ADD COLUMN shipper_id bigint REFERENCES customers (id);
CREATE INDEX CONCURRENTLY orders_shipper_id_idx ON orders (shipper_id);
-- NOT VALID now, VALIDATE later: the safe sequence.
ALTER TABLE orders ADD CONSTRAINT orders_agent_fk FOREIGN KEY (agent_id) REFERENCES customers (id) NOT VALID;
-- A table created earlier in this file is empty.
CREATE TABLE refunds (id bigint PRIMARY KEY, order_id bigint);
CREATE INDEX refunds_order_id_idx ON refunds (order_id);
ALTER TABLE refunds ADD CONSTRAINT refunds_order_fk FOREIGN KEY (order_id) REFERENCES orders (id);
