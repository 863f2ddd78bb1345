-- schemawise: dialect=postgresql
CREATE TYPE order_state AS ENUM ('open', 'paid', 'void');
CREATE TYPE region AS ENUM ('eu', 'us', 'apac', 'latam');

CREATE TABLE orders (
  id bigint PRIMARY KEY,
  is_gift boolean NOT NULL DEFAULT false,
  state order_state NOT NULL,
  archived bool,
  customer_id bigint NOT NULL
);
CREATE INDEX orders_is_gift_idx ON orders (is_gift);
--           ^^^^^^^^^^^^^^^^^^ low-selectivity-index
CREATE INDEX orders_state_idx ON orders USING btree (state);
--           ^^^^^^^^^^^^^^^^ low-selectivity-index
CREATE INDEX orders_archived_idx ON orders (archived DESC);
--           ^^^^^^^^^^^^^^^^^^^ low-selectivity-index

-- Not reported: four enum values, partial, multi-column, unique, expression indexes.
CREATE TABLE carts (
  id bigint PRIMARY KEY,
  is_gift boolean NOT NULL DEFAULT false,
  state order_state NOT NULL,
  region region NOT NULL,
  customer_id bigint NOT NULL
);
CREATE INDEX carts_region_idx ON carts (region);
CREATE INDEX carts_gift_partial_idx ON carts (customer_id) WHERE is_gift;
CREATE INDEX carts_gift_only_idx ON carts (is_gift) WHERE is_gift;
CREATE INDEX carts_customer_gift_idx ON carts (customer_id, is_gift);
CREATE UNIQUE INDEX carts_one_open_idx ON carts (state, customer_id);
CREATE INDEX carts_not_gift_idx ON carts ((NOT is_gift));
