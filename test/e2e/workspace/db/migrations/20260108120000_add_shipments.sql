CREATE TABLE shipments (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  order_id bigint NOT NULL REFERENCES orders (id),
  carrier text NOT NULL,
  shipped_at timestamptz
);

-- The order list of the account page sorts by date.
CREATE INDEX orders_placed_idx ON orders (placed_at);
