-- schemawise: dialect=sqlite
CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  payload TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX events_kind_created ON events (kind, created_at);
