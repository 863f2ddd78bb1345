-- schemawise: dialect=postgresql
BEGIN;
  ALTER TYPE order_status ADD VALUE 'shipped';
--^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ enum-value-in-transaction
COMMIT;
-- Outside a transaction: allowed on 11.
ALTER TYPE order_status ADD VALUE 'refunded';
