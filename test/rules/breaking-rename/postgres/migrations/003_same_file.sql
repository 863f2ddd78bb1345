-- schemawise: dialect=postgresql
-- Created in this file: nothing deployed knows these names yet.
CREATE TABLE drafts (id bigint PRIMARY KEY, body text);
ALTER TABLE drafts RENAME COLUMN body TO content;
ALTER TABLE drafts RENAME TO documents;
-- A column this file adds, renamed before anything uses it.
ALTER TABLE users ADD COLUMN handle text;
ALTER TABLE users RENAME COLUMN handle TO username;
-- The old name comes back in the same file: the deployed code still finds it.
ALTER TABLE users RENAME COLUMN nickname TO nickname_old;
ALTER TABLE users ADD COLUMN nickname text;
