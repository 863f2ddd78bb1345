-- schemawise: dialect=postgresql
-- The newest migration alters a table that existed before it: the fix builds the index CONCURRENTLY.
ALTER TABLE posts ADD COLUMN editor_id bigint REFERENCES authors (id);
--                           ^^^^^^^^^ unindexed-foreign-key
