-- schemawise: dialect=postgresql
-- Mixed with a statement that needs the transaction: Flyway refuses the migration (unless mixed=true).
ALTER TABLE orders ADD COLUMN shipped_at timestamptz;
  CREATE INDEX CONCURRENTLY orders_shipped_at_idx ON orders (shipped_at);
--^^^^^^^^^^^^ concurrent-index-in-transaction
