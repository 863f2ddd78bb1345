-- schemawise: dialect=postgresql
CREATE TABLE refunds (id bigint PRIMARY KEY, order_id bigint NOT NULL);
CREATE INDEX refunds_order_id_idx ON refunds (order_id);
  CREATE INDEX orders_total_idx ON orders (total);
--^^^^^^^^^^^^ missing-lock-timeout
--^^^^^^^^^^^^ blocking-index-creation
