-- schemawise: dialect=sqlite
CREATE TABLE tags (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  slug TEXT NOT NULL
);
CREATE INDEX tags_lower_name ON tags (lower(name));
CREATE UNIQUE INDEX tags_slug ON tags (slug);

SELECT id FROM tags WHERE lower(name) = ?;
SELECT id FROM tags WHERE slug = ?;
