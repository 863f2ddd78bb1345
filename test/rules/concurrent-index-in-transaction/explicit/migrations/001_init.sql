-- schemawise: dialect=postgresql
CREATE TABLE orders (id bigint PRIMARY KEY, reference text NOT NULL, note text);
CREATE INDEX orders_note_idx ON orders (note);
