-- schemawise: dialect=postgresql
-- Mixed with a statement that needs the transaction: Flyway would refuse CONCURRENTLY here, so no fix.
ALTER TABLE orders ADD COLUMN shipped_at timestamptz;
  CREATE INDEX orders_reference_idx ON orders (reference);
--^^^^^^^^^^^^ blocking-index-creation
