-- schemawise: dialect=postgresql
ALTER TABLE posts ADD COLUMN author_id bigint;
ALTER TABLE posts ADD CONSTRAINT posts_author_fk FOREIGN KEY (author_id) REFERENCES authors (id);
--                                                           ^^^^^^^^^^^ unindexed-foreign-key
--                                               ^^^^^^^^^^^ foreign-key-without-not-valid
