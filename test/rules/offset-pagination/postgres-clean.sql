-- schemawise: dialect=postgresql
CREATE TABLE posts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  author_id bigint NOT NULL,
  published_at timestamptz NOT NULL
);
CREATE INDEX posts_author_published_idx ON posts (author_id, published_at, id);

-- Keyset pagination: the page starts where the last one ended.
SELECT id FROM posts WHERE author_id = $1 AND (published_at, id) < ($2, $3) ORDER BY published_at DESC, id DESC LIMIT 20;
