-- schemawise: dialect=postgresql
-- Two statements: golang-migrate sends them as one query, which PostgreSQL runs as one transaction.
  CREATE INDEX orders_reference_idx ON orders (reference);
--^^^^^^^^^^^^ blocking-index-creation
  CREATE INDEX orders_note_idx ON orders (note);
--^^^^^^^^^^^^ blocking-index-creation
