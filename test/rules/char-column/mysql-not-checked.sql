-- schemawise: dialect=mysql
-- MySQL strips CHAR's trailing spaces on read and SQLite's CHAR(n) is plain TEXT: PostgreSQL only.
CREATE TABLE countries (
  code char(2) NOT NULL,
  name char(40) NOT NULL,
  PRIMARY KEY (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
