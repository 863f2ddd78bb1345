-- schemawise: dialect=sqlite
-- SQLite has no date type: ISO-8601 TEXT is its documented way to store dates. Not reported.
CREATE TABLE orders (
  id INTEGER PRIMARY KEY,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  due_date TEXT
);
