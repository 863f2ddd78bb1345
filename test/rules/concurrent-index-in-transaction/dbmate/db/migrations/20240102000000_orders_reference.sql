-- migrate:up
  CREATE INDEX CONCURRENTLY orders_reference_idx ON orders (reference);
--^^^^^^^^^^^^ concurrent-index-in-transaction

-- migrate:down
