-- schemawise: dialect=postgresql
-- A rebuild: the old table moves aside and a new one takes its name.
ALTER TABLE invoices RENAME TO invoices_old;
CREATE TABLE invoices (id bigint PRIMARY KEY, note text, amount numeric(12, 2));
DROP TABLE invoices_old;
-- IF EXISTS of a table that never existed: nothing to rename.
ALTER TABLE IF EXISTS ghosts RENAME TO spirits;
-- The rename bridged by a view of the old name: the deployed code keeps reading and writing through it.
ALTER TABLE users RENAME TO accounts;
CREATE VIEW users AS SELECT * FROM accounts;
