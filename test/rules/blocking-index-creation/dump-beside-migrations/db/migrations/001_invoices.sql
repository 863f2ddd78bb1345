-- schemawise: dialect=postgresql
-- The migration that created the table: new in this file, even though the dump declares it.
CREATE TABLE invoices (id bigint PRIMARY KEY, number text NOT NULL);
CREATE INDEX invoices_number_idx ON invoices (number);
