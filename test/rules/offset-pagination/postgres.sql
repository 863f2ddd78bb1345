-- schemawise: dialect=postgresql
CREATE TABLE posts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  author_id bigint NOT NULL,
  published_at timestamptz NOT NULL,
  title text NOT NULL
);
CREATE INDEX posts_author_published_idx ON posts (author_id, published_at);

SELECT id, title FROM posts WHERE author_id = $1 ORDER BY published_at DESC LIMIT 20 OFFSET $2;
--                                                                                          ^^ offset-pagination
SELECT id, title FROM posts ORDER BY id LIMIT 50 OFFSET 5000;
--                                                      ^^^^ offset-pagination
SELECT id, title FROM posts WHERE author_id = $1 ORDER BY published_at DESC, id LIMIT $2 OFFSET ($3 - 1) * $2;
--                                                                                              ^^^^^^^^^^^^^ offset-pagination

-- Not reported: a small literal offset, no ORDER BY.
SELECT id, title FROM posts ORDER BY id LIMIT 20 OFFSET 40;
SELECT id, title FROM posts WHERE author_id = $1 LIMIT 20 OFFSET $2;
