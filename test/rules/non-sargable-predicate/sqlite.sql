-- schemawise: dialect=sqlite
CREATE TABLE notes (
  id INTEGER PRIMARY KEY,
  author_id INTEGER NOT NULL,
  title TEXT NOT NULL,
  created_at TEXT NOT NULL,
  words INTEGER NOT NULL,
  body TEXT
);
CREATE INDEX notes_author_created ON notes (author_id, created_at);
CREATE INDEX notes_title ON notes (title);
CREATE INDEX notes_words ON notes (words);

SELECT id FROM notes WHERE lower(title) = ?;
--                         ^^^^^^^^^^^^ non-sargable-predicate
SELECT id FROM notes WHERE author_id = ? AND date(created_at) = ?;
--                                           ^^^^^^^^^^^^^^^^ non-sargable-predicate
SELECT id FROM notes WHERE words / 2 > ?;
--                         ^^^^^^^^^ non-sargable-predicate

-- Not reported: the bare column, or an unindexed one.
SELECT id FROM notes WHERE author_id = ? AND created_at >= ? AND created_at < date(?, '+1 day');
SELECT id FROM notes WHERE author_id = ? AND upper(body) = ?;
