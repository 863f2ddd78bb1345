-- schemawise: dialect=sqlite
CREATE TABLE posts (id INTEGER PRIMARY KEY);
CREATE TABLE post_tags (
  id INTEGER PRIMARY KEY,
  tag_name TEXT NOT NULL,
  post_id INTEGER NOT NULL REFERENCES posts (id)
);
CREATE INDEX post_tags_post_id_idx ON post_tags (post_id);
