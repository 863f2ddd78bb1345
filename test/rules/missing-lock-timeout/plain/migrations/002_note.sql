-- schemawise: dialect=postgresql
-- SHARE UPDATE EXCLUSIVE: not this rule's concern.
CREATE INDEX CONCURRENTLY orders_reference_idx ON orders (reference);
ALTER TABLE orders ADD COLUMN shipped_at timestamptz;
--          ^^^^^^ missing-lock-timeout
-- One finding per file.
ALTER TABLE orders ADD COLUMN paid_at timestamptz;
