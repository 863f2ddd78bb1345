-- schemawise: dialect=postgresql
-- IF NOT EXISTS of a table that is there creates nothing: the table keeps its rows.
CREATE TABLE IF NOT EXISTS events (id bigint PRIMARY KEY, kind text NOT NULL);
  CREATE INDEX events_kind_idx ON events (kind);
--^^^^^^^^^^^^ blocking-index-creation
