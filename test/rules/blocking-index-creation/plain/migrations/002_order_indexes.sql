-- schemawise: dialect=postgresql
-- An older migration: flagged, but a fix would edit a migration that has already run.
  CREATE INDEX orders_reference_idx ON orders (reference);
--^^^^^^^^^^^^ blocking-index-creation
