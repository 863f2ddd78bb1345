-- schemawise: dialect=sqlite
-- How SQLite changes a table: build the new one, copy, drop the old, rename the new into its place.
CREATE TABLE new_tags (id INTEGER PRIMARY KEY, label TEXT NOT NULL);
INSERT INTO new_tags (id, label) SELECT id, label FROM tags;
DROP TABLE tags;
ALTER TABLE new_tags RENAME TO tags;
