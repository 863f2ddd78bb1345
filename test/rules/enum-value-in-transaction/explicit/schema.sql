-- schemawise: dialect=postgresql
-- Not a migration: silent.
CREATE TABLE audit_log (id bigint PRIMARY KEY, message text);
BEGIN;
ALTER TYPE order_status ADD VALUE 'cancelled';
SELECT 'cancelled'::order_status;
COMMIT;
