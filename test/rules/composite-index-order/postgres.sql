-- schemawise: dialect=postgresql
CREATE TABLE accounts (id bigint PRIMARY KEY, name text NOT NULL);
CREATE TABLE orders (
  id bigint PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES accounts (id),
  status text NOT NULL,
  created_at timestamptz NOT NULL,
  total numeric(12,2) NOT NULL
);
CREATE INDEX orders_account_idx ON orders (account_id);
-- range column before the equality column of the query below
CREATE INDEX orders_created_status ON orders (created_at, status);
--                                            ^^^^^^^^^^^^^^^^^^ composite-index-order

SELECT id, total FROM orders WHERE status = $1 AND created_at >= $2 AND created_at < $3;

-- sort column before the equality column: `WHERE state = ? ORDER BY placed_at` wants (state, placed_at)
CREATE TABLE invoices (id bigint PRIMARY KEY, state text NOT NULL, placed_at timestamptz NOT NULL);
CREATE INDEX invoices_placed_state ON invoices (placed_at, state);
--                                              ^^^^^^^^^^^^^^^^ composite-index-order
SELECT * FROM invoices i WHERE i.state = $1 ORDER BY i.placed_at DESC LIMIT 20;

-- an IN list is an equality too; a join through aliases
CREATE TABLE shipments (id bigint PRIMARY KEY, order_id bigint NOT NULL REFERENCES orders (id), carrier text NOT NULL, shipped_at timestamptz NOT NULL);
CREATE INDEX shipments_order_idx ON shipments (order_id);
CREATE INDEX shipments_shipped_carrier ON shipments (shipped_at, carrier);
--                                                   ^^^^^^^^^^^^^^^^^^^ composite-index-order
SELECT s.id FROM shipments s JOIN orders o ON o.id = s.order_id WHERE s.carrier IN ('ups', 'dhl') AND s.shipped_at > now() - interval '1 day';
