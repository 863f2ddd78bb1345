-- schemawise: dialect=sqlite
CREATE TABLE tags (name TEXT NOT NULL);
--           ^^^^ missing-primary-key
CREATE TABLE notes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  body TEXT
);
CREATE VIRTUAL TABLE notes_fts USING fts5(body);
