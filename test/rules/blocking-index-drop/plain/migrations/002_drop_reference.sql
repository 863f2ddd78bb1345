-- schemawise: dialect=postgresql
-- An older migration: flagged, no fix.
  DROP INDEX orders_reference_idx;
--^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ blocking-index-drop
ALTER INDEX orders_old_name_idx RENAME TO orders_id_note_idx;
