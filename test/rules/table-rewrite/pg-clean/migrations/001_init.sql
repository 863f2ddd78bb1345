CREATE TABLE orders (
  id bigint PRIMARY KEY,
  code varchar(20) NOT NULL,
  note varchar(100),
  total numeric(10,2) NOT NULL,
  placed_at timestamp
);
-- A table created in this file is empty: nothing to rewrite.
CREATE TABLE carts (id bigint PRIMARY KEY, items integer NOT NULL);
ALTER TABLE carts ALTER COLUMN items TYPE bigint;
-- Rewriting a table created in this file costs nothing.
VACUUM FULL carts;
