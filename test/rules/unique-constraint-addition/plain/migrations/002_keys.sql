-- schemawise: dialect=postgresql
ALTER TABLE customers ADD CONSTRAINT customers_email_key UNIQUE (email);
--                                                       ^^^^^^ unique-constraint-addition
ALTER TABLE customers ADD UNIQUE (tenant_id, handle);
--                        ^^^^^^ unique-constraint-addition
ALTER TABLE events ADD PRIMARY KEY (id);
--                     ^^^^^^^^^^^ unique-constraint-addition
ALTER TABLE customers ADD COLUMN code text UNIQUE;
--                                         ^^^^^^ unique-constraint-addition
-- Built without blocking writes, then attached: the lock is brief.
CREATE UNIQUE INDEX CONCURRENTLY customers_lower_email_key ON customers (lower(email));
CREATE UNIQUE INDEX CONCURRENTLY customers_id_email_key ON customers (id, email);
ALTER TABLE customers ADD CONSTRAINT customers_id_email_key UNIQUE USING INDEX customers_id_email_key;
-- A table created earlier in this file is new and empty.
CREATE TABLE invoices (id bigint NOT NULL, number text NOT NULL);
ALTER TABLE invoices ADD PRIMARY KEY (id), ADD CONSTRAINT invoices_number_key UNIQUE (number);
