-- schemawise: dialect=postgresql
CREATE TABLE users (id bigint PRIMARY KEY);
CREATE TABLE posts (id bigint PRIMARY KEY, author_id integer NOT NULL);
CREATE INDEX posts_author_id_idx ON posts (author_id);
