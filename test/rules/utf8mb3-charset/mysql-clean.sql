-- schemawise: dialect=mysql
-- utf8mb4 everywhere, and a utf8 database default that a later ALTER DATABASE replaces.
CREATE DATABASE shop DEFAULT CHARACTER SET utf8 COLLATE utf8_general_ci;
ALTER DATABASE shop CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci;

CREATE TABLE customers (
  id bigint NOT NULL AUTO_INCREMENT,
  full_name varchar(100) COLLATE utf8mb4_unicode_ci NOT NULL,
  code varchar(10) CHARACTER SET ascii NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- utf8 at first, converted (columns included) to utf8mb4 afterwards.
CREATE TABLE legacy (
  id bigint NOT NULL AUTO_INCREMENT,
  name varchar(50) CHARACTER SET utf8 NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;
ALTER TABLE legacy CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CONVERT TO re-encodes every string column, even one with its own utf8 character set.
CREATE TABLE posts (
  id bigint NOT NULL AUTO_INCREMENT,
  title varchar(100) CHARACTER SET utf8 COLLATE utf8_unicode_ci NOT NULL,
  author nchar(40),
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
ALTER TABLE posts CONVERT TO CHARACTER SET utf8mb4;
