-- schemawise: dialect=sqlite
CREATE TABLE files (
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL,
  note TEXT
);
CREATE UNIQUE INDEX files_path ON files (path);

-- An unindexed column loses nothing to the wildcard.
SELECT id FROM files WHERE path = ? AND note LIKE '%todo%';
