-- schemawise: dialect=sqlite
CREATE TABLE notes (id INTEGER PRIMARY KEY, author TEXT NOT NULL, created_at INTEGER NOT NULL);
CREATE INDEX notes_author_created ON notes (author, created_at);
CREATE INDEX notes_created ON notes (created_at);

SELECT id FROM notes WHERE author = ? ORDER BY created_at;
-- rowid lookups
SELECT * FROM notes WHERE id = ?;
-- the top-N by an indexed column
SELECT id FROM notes ORDER BY created_at DESC LIMIT 10;
