-- schemawise: dialect=mysql
-- The newest migration: a fix may rewrite what it writes.
CREATE TABLE comments (
    id bigint NOT NULL AUTO_INCREMENT,
    user_id bigint NOT NULL,
    body text CHARACTER SET utf8 COLLATE utf8_unicode_ci NOT NULL,
--  ^^^^ utf8mb3-charset
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
ALTER TABLE tags CONVERT TO CHARACTER SET utf8mb3 COLLATE utf8mb3_unicode_ci;
--               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ utf8mb3-charset
--               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ table-rewrite
