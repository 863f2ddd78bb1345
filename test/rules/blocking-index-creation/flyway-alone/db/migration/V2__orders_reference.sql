-- schemawise: dialect=postgresql
-- Flyway runs a migration made only of CONCURRENTLY statements outside a transaction: the fix applies.
  CREATE INDEX orders_reference_idx ON orders (reference);
--^^^^^^^^^^^^ blocking-index-creation
