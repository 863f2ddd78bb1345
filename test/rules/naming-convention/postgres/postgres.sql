-- schemawise: dialect=postgresql
CREATE TABLE users (
  id bigint CONSTRAINT pk_users PRIMARY KEY,
  email text NOT NULL,
  CONSTRAINT users_email_key UNIQUE (email),
--           ^^^^^^^^^^^^^^^ naming-convention
  CONSTRAINT ck_users_email CHECK (email <> '')
);

CREATE TABLE "OrderLine" (
--           ^^^^^^^^^^^ naming-convention
  id bigint PRIMARY KEY
);

CREATE TABLE category (
--           ^^^^^^^^ naming-convention
  id bigint PRIMARY KEY
);

CREATE TABLE posts (
  id bigint PRIMARY KEY,
  userid bigint NOT NULL REFERENCES users (id),
--^^^^^^ naming-convention
  category_id bigint REFERENCES category (id),
  parent_id bigint REFERENCES posts (id),
  CONSTRAINT posts_category_fk FOREIGN KEY (category_id) REFERENCES category (id)
--           ^^^^^^^^^^^^^^^^^ naming-convention
);
CREATE INDEX posts_userid_idx ON posts (userid);
--           ^^^^^^^^^^^^^^^^ naming-convention
CREATE INDEX ix_posts_category_id ON posts (category_id);
CREATE INDEX ix_posts_parent_id ON posts (parent_id);
CREATE INDEX posts_lower_idx ON posts ((id + 1));

-- Role names in the pattern's shape are fine; two keys to one table are not checked.
CREATE TABLE comments (
  id bigint PRIMARY KEY,
  author_id bigint REFERENCES users (id),
  post_id bigint REFERENCES posts (id),
  editor bigint REFERENCES users (id),
  approver bigint REFERENCES users (id)
);
CREATE INDEX ix_comments_author_id ON comments (author_id);
CREATE INDEX ix_comments_post_id ON comments (post_id);
CREATE INDEX ix_comments_editor ON comments (editor);
CREATE INDEX ix_comments_approver ON comments (approver);

-- Named in a later statement: reported, but no rename fix (the VALIDATE would break).
CREATE TABLE tags (id bigint PRIMARY KEY, name text);
ALTER TABLE tags ADD CONSTRAINT tags_name_check CHECK (name <> '') NOT VALID;
--                              ^^^^^^^^^^^^^^^ naming-convention
ALTER TABLE tags VALIDATE CONSTRAINT tags_name_check;
-- A dropped index is gone: nothing to report.
CREATE INDEX tags_name ON tags (name);
DROP INDEX tags_name;
