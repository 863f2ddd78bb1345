-- schemawise: dialect=sqlite
-- How SQLite (and Prisma on SQLite) change a table: build, copy, drop the old one, rename the new one into place.
PRAGMA foreign_keys=OFF;
CREATE TABLE new_tags (id INTEGER PRIMARY KEY, label TEXT NOT NULL);
INSERT INTO new_tags (id, label) SELECT id, label FROM tags;
DROP TABLE tags;
ALTER TABLE new_tags RENAME TO tags;
PRAGMA foreign_keys=ON;
