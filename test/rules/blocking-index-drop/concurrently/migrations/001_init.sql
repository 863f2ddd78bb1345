-- schemawise: dialect=postgresql
CREATE SCHEMA app;
CREATE TABLE app.orders (id bigint PRIMARY KEY, reference text NOT NULL, note text);
CREATE INDEX orders_reference_idx ON app.orders (reference);
CREATE INDEX orders_note_idx ON app.orders (note);
