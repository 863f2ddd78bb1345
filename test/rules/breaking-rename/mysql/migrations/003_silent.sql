-- schemawise: dialect=mysql
-- CHANGE that keeps the name (or changes only its case) renames nothing.
ALTER TABLE users CHANGE full_name full_name varchar(200);
ALTER TABLE users CHANGE COLUMN FULL_NAME full_name varchar(200);
-- The swap of an online schema change: `sessions` keeps existing.
RENAME TABLE sessions TO sessions_old, sessions_new TO sessions;
-- A table created in this file.
CREATE TABLE wishlists (id bigint PRIMARY KEY, label varchar(50));
ALTER TABLE wishlists CHANGE label title varchar(50);
RENAME TABLE wishlists TO favourites;
