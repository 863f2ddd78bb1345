-- schemawise: dialect=postgresql
-- Inside BEGIN … COMMIT: no fix, CONCURRENTLY would fail there.
BEGIN;
  DROP INDEX orders_reference_idx;
--^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ blocking-index-drop
COMMIT;
