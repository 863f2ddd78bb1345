-- schemawise: dialect=postgresql
-- A schema file (not a migration) describes the table as it is: no existing rows to fill.
CREATE TABLE accounts (id bigint PRIMARY KEY);
ALTER TABLE accounts ADD COLUMN owner text NOT NULL;
