-- schemawise: dialect=mysql
-- Each place that writes utf8/utf8mb3 is reported once: the database default, a table default, a column.
    CREATE DATABASE shop DEFAULT CHARACTER SET utf8 COLLATE utf8_general_ci;
--  ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ utf8mb3-charset

-- The table default: reported on the table name; its columns inherit it (or restate it, as mysqldump writes
-- them) and are not reported again: converting the table converts them.
CREATE TABLE customers (
--           ^^^^^^^^^ utf8mb3-charset
    id bigint NOT NULL AUTO_INCREMENT,
    full_name varchar(100) NOT NULL,
    email varchar(100) CHARACTER SET utf8mb3 COLLATE utf8mb3_unicode_ci NOT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

-- A collation alone names the character set too.
CREATE TABLE notes (
--           ^^^^^ utf8mb3-charset
    id bigint NOT NULL AUTO_INCREMENT,
    body text NOT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB COLLATE=utf8mb3_unicode_ci;

-- Columns that write it themselves, in a utf8mb4 table.
CREATE TABLE products (
    id bigint NOT NULL AUTO_INCREMENT,
    sku varchar(32) CHARACTER SET utf8 NOT NULL,
--  ^^^ utf8mb3-charset
    title varchar(200) COLLATE utf8_unicode_ci NOT NULL,
--  ^^^^^ utf8mb3-charset
    maker nvarchar(100),
--  ^^^^^ utf8mb3-charset
    label varchar(100) CHARACTER SET utf8mb4,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- A table converted to utf8mb3 later: reported where the ALTER writes it.
CREATE TABLE tags (
    id bigint NOT NULL AUTO_INCREMENT,
    name varchar(50) NOT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
ALTER TABLE tags CONVERT TO CHARACTER SET utf8mb3;
--               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ utf8mb3-charset

-- A column changed later: reported on the MODIFY.
ALTER TABLE products MODIFY label varchar(100) CHARACTER SET utf8mb3;
--                          ^^^^^ utf8mb3-charset

-- Written in capitals, quoted, with a collation next to it: the fix keeps the case and the quotes.
CREATE TABLE reviews (
--           ^^^^^^^ utf8mb3-charset
    id bigint NOT NULL AUTO_INCREMENT,
    body text,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARACTER SET = 'UTF8' COLLATE = UTF8_UNICODE_CI;

CREATE TABLE authors (
    id bigint NOT NULL AUTO_INCREMENT,
    pen_name varchar(100) CHARACTER SET utf8mb3 COLLATE utf8mb3_unicode_ci NOT NULL,
--  ^^^^^^^^ utf8mb3-charset
    handle varchar(50) CHARSET utf8 COLLATE utf8_bin NOT NULL,
--  ^^^^^^ utf8mb3-charset
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- A collation without a utf8mb4 counterpart: reported, no fix.
CREATE TABLE archive (
    id bigint NOT NULL AUTO_INCREMENT,
    title varchar(100) COLLATE utf8_general_mysql500_ci,
--  ^^^^^ utf8mb3-charset
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- A new table default converts no column: those that inherited utf8 keep it (reported at the ALTER, no fix:
-- CONVERT TO is the remedy). The column added afterwards takes the new default.
CREATE TABLE threads (
    id bigint NOT NULL AUTO_INCREMENT,
    subject varchar(200) NOT NULL,
    slug varchar(50) CHARACTER SET ascii NOT NULL,
    body text,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;
ALTER TABLE threads DEFAULT CHARSET=utf8mb4;
--                  ^^^^^^^^^^^^^^^^^^^^^^^ utf8mb3-charset
ALTER TABLE threads ADD COLUMN summary varchar(200);
