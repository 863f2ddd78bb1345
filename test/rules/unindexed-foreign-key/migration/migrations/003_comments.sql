-- schemawise: dialect=postgresql
-- Indexed in a later migration: the current schema is fine.
CREATE TABLE comments (id bigint PRIMARY KEY, post_id bigint NOT NULL REFERENCES posts (id));
CREATE INDEX comments_post_id_idx ON comments (post_id);
