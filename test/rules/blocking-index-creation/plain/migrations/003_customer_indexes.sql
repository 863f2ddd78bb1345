-- schemawise: dialect=postgresql
-- The newest migration, run statement by statement: the fix writes CONCURRENTLY.
  CREATE UNIQUE INDEX IF NOT EXISTS customers_lower_email_key ON customers (lower(email));
--^^^^^^^^^^^^^^^^^^^ blocking-index-creation
  CREATE INDEX ON orders USING brin (placed_at);
--^^^^^^^^^^^^ blocking-index-creation
CREATE INDEX CONCURRENTLY orders_open_idx ON orders (id) WHERE reference LIKE 'open-%';
-- Already there (002): IF NOT EXISTS makes it a no-op.
CREATE INDEX IF NOT EXISTS orders_reference_idx ON orders (reference);
-- A table created earlier in this file is new and empty.
CREATE TABLE refunds (id bigint PRIMARY KEY, order_id bigint NOT NULL REFERENCES orders (id));
CREATE INDEX refunds_order_id_idx ON refunds (order_id);
