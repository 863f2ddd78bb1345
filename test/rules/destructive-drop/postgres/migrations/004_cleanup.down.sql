-- schemawise: dialect=postgresql
-- A down-migration is not replayed.
DROP TABLE users;
