-- schemawise: dialect=postgresql
CREATE TABLE customers (id bigint PRIMARY KEY, email text NOT NULL, country text);
CREATE TABLE orders (
  id bigint PRIMARY KEY,
  customer_id bigint NOT NULL REFERENCES customers (id),
  status text NOT NULL,
  note text,
  created_at timestamptz NOT NULL
);
CREATE INDEX orders_customer_id ON orders (customer_id);
CREATE INDEX orders_status_created ON orders (status, created_at);
-- No query compares `note`.
CREATE INDEX orders_note ON orders (note);
--           ^^^^^^^^^^^ unused-index
-- Serves the range on `created_at` (and its sort).
CREATE INDEX orders_created_status ON orders (created_at, status);
-- Partial: the only query on `status` asks for `status = 'open'`.
CREATE INDEX orders_failed ON orders (created_at) WHERE status = 'failed';
--           ^^^^^^^^^^^^^ unused-index
-- Every query wraps `email` in lower(): the expression index serves them, the plain one none.
CREATE INDEX customers_email ON customers (email);
--           ^^^^^^^^^^^^^^^ unused-index
CREATE INDEX customers_lower_email ON customers (lower(email));
CREATE INDEX customers_country ON customers (country);
