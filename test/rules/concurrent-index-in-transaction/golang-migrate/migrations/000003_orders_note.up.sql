-- schemawise: dialect=postgresql
-- Two statements: one multi-statement query, which PostgreSQL runs as one transaction.
  DROP INDEX CONCURRENTLY orders_note_idx;
--^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ concurrent-index-in-transaction
  CREATE INDEX CONCURRENTLY orders_note_reference_idx ON orders (note, reference);
--^^^^^^^^^^^^ concurrent-index-in-transaction
