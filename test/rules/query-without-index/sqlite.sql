-- schemawise: dialect=sqlite
CREATE TABLE notes (id INTEGER PRIMARY KEY, author TEXT NOT NULL, body TEXT NOT NULL, created_at INTEGER NOT NULL);
CREATE INDEX notes_created ON notes (created_at);

SELECT id FROM notes WHERE author = ? ORDER BY created_at;
--             ^^^^^ query-without-index
