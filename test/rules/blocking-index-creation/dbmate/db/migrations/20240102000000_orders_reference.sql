-- migrate:up
-- dbmate runs this migration in a transaction: no fix, the help says `transaction:false`.
  CREATE INDEX orders_reference_idx ON orders (reference);
--^^^^^^^^^^^^ blocking-index-creation

-- migrate:down
