-- schemawise: dialect=postgresql
SET lock_timeout = '5s';
ALTER TABLE orders ADD COLUMN refunded_at timestamptz;
