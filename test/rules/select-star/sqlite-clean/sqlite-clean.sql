-- schemawise: dialect=sqlite
CREATE TABLE notes (id INTEGER PRIMARY KEY, title TEXT NOT NULL);

SELECT id, title FROM notes WHERE id = ?;
SELECT count(*) FROM notes;
