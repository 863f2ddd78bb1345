-- schemawise: dialect=sqlite
-- Added by an earlier part of this migration: renaming it breaks nothing deployed.
ALTER TABLE flows RENAME COLUMN nid TO network_id;
