-- schemawise: dialect=postgresql
-- A down-migration is not replayed: it undoes, it does not ship.
ALTER TABLE users RENAME COLUMN email_address TO email;
ALTER TABLE purchases RENAME TO orders;
