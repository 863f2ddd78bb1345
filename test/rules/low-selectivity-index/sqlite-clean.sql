-- schemawise: dialect=sqlite
CREATE TABLE tasks (
  id INTEGER PRIMARY KEY,
  completed BOOLEAN NOT NULL DEFAULT 0,
  title TEXT NOT NULL
);
CREATE INDEX tasks_open ON tasks (title) WHERE NOT completed;
CREATE INDEX tasks_completed_only ON tasks (completed) WHERE completed = 0;
CREATE INDEX tasks_title_completed ON tasks (title, completed);
