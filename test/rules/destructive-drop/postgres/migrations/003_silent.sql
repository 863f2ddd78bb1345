-- schemawise: dialect=postgresql
-- Created in this file: empty, and nothing deployed uses it.
CREATE TABLE imports (id bigint PRIMARY KEY, raw text);
TRUNCATE imports;
ALTER TABLE imports DROP COLUMN raw;
DROP TABLE imports;
-- A column this file adds.
ALTER TABLE users ADD COLUMN scratch text;
ALTER TABLE users DROP COLUMN scratch;
-- IF EXISTS of something that never existed.
DROP TABLE IF EXISTS temp_import;
ALTER TABLE users DROP COLUMN IF EXISTS never_there;
-- A schema without tables, and one PostgreSQL refuses to drop while it holds tables (no CASCADE).
DROP SCHEMA IF EXISTS scratch CASCADE;
DROP SCHEMA IF EXISTS reporting;
-- A rebuild: the new table takes the old one's name once the rows are copied.
CREATE TABLE reports_new (id bigint PRIMARY KEY, body text NOT NULL);
INSERT INTO reports_new SELECT id, body FROM reports WHERE body IS NOT NULL;
DROP TABLE reports;
ALTER TABLE reports_new RENAME TO reports;
-- The same for a column: a copy takes the old column's name (the copy's UPDATE left out here).
ALTER TABLE users ADD COLUMN email_new varchar(320);
ALTER TABLE users DROP COLUMN email;
ALTER TABLE users RENAME COLUMN email_new TO email;
