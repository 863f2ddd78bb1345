-- schemawise: dialect=postgresql
CREATE TABLE customers (
  id bigint PRIMARY KEY,
  region_id int NOT NULL,
  code text NOT NULL,
  UNIQUE (region_id, code)
);

CREATE TABLE orders (
  id bigint PRIMARY KEY,
  customer_id bigint NOT NULL REFERENCES customers (id),
--^^^^^^^^^^^ unindexed-foreign-key
  placed_at timestamptz NOT NULL
);

CREATE TABLE order_lines (
  order_id bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  line_no int NOT NULL,
  region_id int NOT NULL,
  customer_code text NOT NULL,
  PRIMARY KEY (order_id, line_no),
  CONSTRAINT order_lines_customer_fk FOREIGN KEY (region_id, customer_code) REFERENCES customers (region_id, code)
--                                               ^^^^^^^^^^^^^^^^^^^^^^^^^^ unindexed-foreign-key
);

-- Covered: the index leads with the FK columns, in either order.
CREATE TABLE shipments (
  id bigint PRIMARY KEY,
  region_id int NOT NULL,
  customer_code text NOT NULL,
  FOREIGN KEY (region_id, customer_code) REFERENCES customers (region_id, code)
);
CREATE INDEX shipments_customer_idx ON shipments (customer_code, region_id, id);

-- Not covered: a partial index does not hold every row; an expression index is not on the column.
CREATE TABLE refunds (
  id bigint PRIMARY KEY,
  order_id bigint REFERENCES orders (id),
--^^^^^^^^ unindexed-foreign-key
  payment_id bigint REFERENCES orders (id)
--^^^^^^^^^^ unindexed-foreign-key
);
CREATE INDEX refunds_open_order_idx ON refunds (order_id) WHERE id > 0;
CREATE INDEX refunds_payment_expr_idx ON refunds ((payment_id + 0));

-- A soft-delete predicate is not implied by the foreign key check: the index does not serve it.
CREATE TABLE replies (
  id bigint PRIMARY KEY,
  order_id bigint REFERENCES orders (id),
--^^^^^^^^ unindexed-foreign-key
  deleted_at timestamptz
);
CREATE INDEX replies_order_live_idx ON replies (order_id) WHERE (deleted_at IS NULL);
CREATE INDEX replies_order_notnull_other_idx ON replies (order_id) WHERE deleted_at IS NOT NULL;
