-- schemawise: dialect=postgresql
BEGIN;
-- Schema changes on new tables only: no lock on a table anyone uses.
CREATE TABLE audit_log (id bigint PRIMARY KEY, order_id bigint, entry text);
CREATE INDEX audit_log_order_id_idx ON audit_log (order_id);
UPDATE orders SET note = NULL WHERE note = '';
COMMIT;
