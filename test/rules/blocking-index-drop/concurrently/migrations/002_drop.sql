-- schemawise: dialect=postgresql
DROP INDEX CONCURRENTLY app.orders_reference_idx;
-- An index lives in its table's schema: `orders_note_idx` alone would be looked up in public.
  DROP INDEX app.orders_note_idx;
--^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ blocking-index-drop
