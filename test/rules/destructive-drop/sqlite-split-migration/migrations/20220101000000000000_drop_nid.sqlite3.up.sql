-- schemawise: dialect=sqlite
-- Another migration: the table existed before it.
ALTER TABLE flows DROP COLUMN nid;
--                ^^^^^^^^^^^^^^^ destructive-drop
