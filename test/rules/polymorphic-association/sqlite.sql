-- schemawise: dialect=sqlite
CREATE TABLE posts (id INTEGER PRIMARY KEY, title TEXT NOT NULL);
CREATE TABLE photos (id INTEGER PRIMARY KEY, url TEXT NOT NULL);
CREATE TABLE taggings (
  id INTEGER PRIMARY KEY,
  tag_name TEXT NOT NULL,
  taggable_type TEXT NOT NULL,
  taggable_id INTEGER NOT NULL
--^^^^^^^^^^^ polymorphic-association
);
