-- migrate:up
  CREATE INDEX orders_note_idx ON orders (note);
--^^^^^^^^^^^^ blocking-index-creation
-- dbmate wraps the migration in a transaction: the index build's SHARE lock is held through the backfill.
  UPDATE orders SET note = trim(note);
--^^^^^^^^^^^^^ mixed-ddl-and-dml

-- migrate:down
DROP INDEX orders_note_idx;
