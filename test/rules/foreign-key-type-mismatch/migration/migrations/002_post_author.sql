-- schemawise: dialect=postgresql
-- The column was created by an older migration: the finding sits on this foreign key, with no fix.
ALTER TABLE posts ADD CONSTRAINT posts_author_fk FOREIGN KEY (author_id) REFERENCES users (id);
--                                                           ^^^^^^^^^^^ foreign-key-type-mismatch
--                                               ^^^^^^^^^^^ foreign-key-without-not-valid
CREATE TABLE comments (id bigint PRIMARY KEY, post_id integer NOT NULL REFERENCES posts (id));
--                                                    ^^^^^^^ foreign-key-type-mismatch
CREATE INDEX comments_post_id_idx ON comments (post_id);
