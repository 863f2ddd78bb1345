-- schemawise: dialect=postgresql
CREATE TABLE orders (id bigint PRIMARY KEY, reference text NOT NULL, note text, placed_at timestamptz NOT NULL);
CREATE INDEX orders_reference_idx ON orders (reference);
-- Unnamed: PostgreSQL calls it orders_note_idx.
CREATE INDEX ON orders (note);
CREATE INDEX orders_placed_at_idx ON orders (placed_at);
CREATE INDEX orders_lower_reference_idx ON orders (lower(reference));
CREATE INDEX orders_id_placed_idx ON orders (placed_at DESC, id);
CREATE INDEX orders_old_name_idx ON orders (id, note);
-- Created and dropped with its table in the same file: new and empty.
CREATE INDEX orders_tmp_idx ON orders (reference, note);
DROP INDEX orders_tmp_idx;
