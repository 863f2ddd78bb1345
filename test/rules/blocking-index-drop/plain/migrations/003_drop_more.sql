-- schemawise: dialect=postgresql
-- The generated name of an unnamed index; IF EXISTS stays after CONCURRENTLY in the fix.
  DROP INDEX IF EXISTS orders_note_idx;
--^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ blocking-index-drop
-- Several indexes: CONCURRENTLY drops one at a time, so no fix.
  DROP INDEX orders_placed_at_idx, orders_lower_reference_idx;
--^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ blocking-index-drop
-- CASCADE cannot run concurrently: no fix.
  DROP INDEX orders_id_placed_idx CASCADE;
--^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ blocking-index-drop
-- Renamed in 002: found under its new name.
  DROP INDEX orders_id_note_idx;
--^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ blocking-index-drop
-- An index the migrations never created (made by hand, or by another tool): its table is unknown, silent.
DROP INDEX IF EXISTS orders_legacy_idx;
-- A table created earlier in this file is new and empty.
CREATE TABLE refunds (id bigint PRIMARY KEY, order_id bigint NOT NULL REFERENCES orders (id));
CREATE INDEX refunds_order_id_idx ON refunds (order_id);
CREATE INDEX refunds_order_id_id_idx ON refunds (order_id, id);
DROP INDEX refunds_order_id_idx;
