-- schemawise: dialect=postgresql
CREATE TABLE posts (id bigint PRIMARY KEY, title text NOT NULL);
CREATE TABLE photos (id bigint PRIMARY KEY, url text NOT NULL);
CREATE TABLE comments (
  id bigint PRIMARY KEY,
  commentable_type character varying NOT NULL,
  commentable_id bigint NOT NULL,
--^^^^^^^^^^^^^^ polymorphic-association
  body text NOT NULL
);
CREATE INDEX comments_commentable_idx ON comments (commentable_type, commentable_id);

-- A PG enum whose values name tables is a discriminator too.
CREATE TYPE target_kind AS ENUM ('post', 'photo');
CREATE TABLE likes (id bigint PRIMARY KEY, "targetType" target_kind NOT NULL, "targetId" bigint NOT NULL);
--                                                                            ^^^^^^^^^^ polymorphic-association
