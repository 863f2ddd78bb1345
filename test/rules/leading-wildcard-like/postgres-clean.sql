-- schemawise: dialect=postgresql
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE TABLE articles (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title text NOT NULL
);
CREATE INDEX articles_title_idx ON articles (title);
CREATE INDEX articles_title_trgm_idx ON articles USING gin (title gin_trgm_ops);

-- The trigram index serves substring searches.
SELECT id FROM articles WHERE title ILIKE '%' || $1 || '%';
SELECT id FROM articles WHERE title LIKE '%release%';
