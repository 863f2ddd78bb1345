-- schemawise: dialect=postgresql
-- Not a migration: a schema file describes the state, it does not change a database.
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, legacy_flags text);
ALTER TABLE users DROP COLUMN legacy_flags;
DROP TABLE IF EXISTS sessions;
