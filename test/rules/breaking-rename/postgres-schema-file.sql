-- schemawise: dialect=postgresql
-- Not a migration: a schema file describes the state, it does not change a database.
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
ALTER TABLE users RENAME COLUMN email TO email_address;
ALTER TABLE users RENAME TO people;
