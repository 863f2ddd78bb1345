-- schemawise: dialect=sqlite
-- Added by an earlier part of this migration: nothing deployed uses it.
ALTER TABLE flows DROP COLUMN nid;
