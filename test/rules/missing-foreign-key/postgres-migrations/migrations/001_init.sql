-- schemawise: dialect=postgresql
CREATE TABLE customers (id bigint PRIMARY KEY);
CREATE TABLE categories (id integer PRIMARY KEY);
CREATE TABLE people (id uuid PRIMARY KEY);
-- Defined in an applied migration: the fix adds the key at the end of the newest one, NOT VALID then VALIDATE.
CREATE TABLE orders (
  id bigint PRIMARY KEY,
  customer_id bigint NOT NULL REFERENCES customers (id),
  category_id integer NOT NULL
--^^^^^^^^^^^ missing-foreign-key
);
CREATE INDEX orders_customer_id_idx ON orders (customer_id);
CREATE INDEX orders_category_id_idx ON orders (category_id);
CREATE TABLE invoices (
  id bigint PRIMARY KEY,
  order_id bigint NOT NULL REFERENCES orders (id),
  customer_id bigint NOT NULL REFERENCES customers (id)
);
CREATE INDEX invoices_order_id_idx ON invoices (order_id);
CREATE INDEX invoices_customer_id_idx ON invoices (customer_id);
