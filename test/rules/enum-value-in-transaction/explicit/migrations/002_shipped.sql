-- schemawise: dialect=postgresql
BEGIN;
ALTER TYPE order_status ADD VALUE 'shipped';
-- A comment naming 'shipped' is no use of it.
UPDATE orders SET status = 'shipped' WHERE note IS NOT NULL;
--                         ^^^^^^^^^ enum-value-in-transaction
SELECT 'shipped'::order_status;
--     ^^^^^^^^^ enum-value-in-transaction
-- A literal in a statement naming neither the type nor one of its columns.
INSERT INTO audit_log (message) VALUES ('shipped');
COMMIT;
-- Committed: the value is safe to use.
UPDATE orders SET status = 'shipped' WHERE id = 1;
