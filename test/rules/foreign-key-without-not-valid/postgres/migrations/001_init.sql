-- schemawise: dialect=postgresql
CREATE TABLE customers (id bigint PRIMARY KEY);
CREATE TABLE coupons (id bigint PRIMARY KEY);
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint, coupon_id bigint, agent_id bigint);
CREATE INDEX orders_customer_id_idx ON orders (customer_id);
CREATE INDEX orders_coupon_id_idx ON orders (coupon_id);
CREATE INDEX orders_agent_id_idx ON orders (agent_id);
