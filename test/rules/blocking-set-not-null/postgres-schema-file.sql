-- schemawise: dialect=postgresql
-- A schema file (not a migration) describes the table as it is: nothing runs against rows.
CREATE TABLE accounts (id bigint PRIMARY KEY, owner text);
ALTER TABLE accounts ALTER COLUMN owner SET NOT NULL;
