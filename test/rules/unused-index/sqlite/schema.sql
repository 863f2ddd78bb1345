-- schemawise: dialect=sqlite
CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  payload TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX events_created_at ON events (created_at);
-- No query compares `kind`.
CREATE INDEX events_kind ON events (kind);
--           ^^^^^^^^^^^ unused-index
