-- migrate:up transaction:false
-- Outside a transaction: the fix writes CONCURRENTLY.
  CREATE INDEX orders_reference_idx ON orders (reference);
--^^^^^^^^^^^^ blocking-index-creation

-- migrate:down
