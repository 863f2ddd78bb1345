-- schemawise: dialect=sqlite
-- Another migration: the table existed before it.
ALTER TABLE flows RENAME COLUMN state TO status;
--                ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ breaking-rename
