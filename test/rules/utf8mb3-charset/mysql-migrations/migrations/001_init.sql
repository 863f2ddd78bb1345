-- schemawise: dialect=mysql
-- An applied migration: its findings get no fix (editing it changes no database); the help says to convert.
CREATE TABLE users (
--           ^^^^^ utf8mb3-charset
    id bigint NOT NULL AUTO_INCREMENT,
    name varchar(100) NOT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8 COLLATE=utf8_unicode_ci;

CREATE TABLE teams (
    id bigint NOT NULL AUTO_INCREMENT,
    title varchar(100) CHARACTER SET utf8 NOT NULL,
--  ^^^^^ utf8mb3-charset
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE tags (
    id bigint NOT NULL AUTO_INCREMENT,
    label varchar(50) NOT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
