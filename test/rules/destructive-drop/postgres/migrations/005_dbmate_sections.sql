-- schemawise: dialect=postgresql
-- migrate:up
ALTER TABLE users ADD COLUMN nickname text;

-- migrate:down
-- The down section undoes the up section: it drops only what this file added.
ALTER TABLE users DROP COLUMN nickname;
