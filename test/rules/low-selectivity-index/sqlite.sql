-- schemawise: dialect=sqlite
CREATE TABLE tasks (
  id INTEGER PRIMARY KEY,
  completed BOOLEAN NOT NULL DEFAULT 0,
  title TEXT NOT NULL
);
CREATE INDEX tasks_completed ON tasks (completed);
--           ^^^^^^^^^^^^^^^ low-selectivity-index
