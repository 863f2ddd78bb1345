-- schemawise: dialect=mysql
CREATE TABLE imports (id bigint PRIMARY KEY, raw_line text);
TRUNCATE TABLE imports;
ALTER TABLE imports DROP COLUMN raw_line;
DROP TABLE imports;
DROP TABLE IF EXISTS temp_import;
-- A database the replay knows no table of.
DROP DATABASE IF EXISTS scratch;
