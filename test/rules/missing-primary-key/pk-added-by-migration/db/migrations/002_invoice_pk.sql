-- schemawise: dialect=postgresql
ALTER TABLE invoices ADD CONSTRAINT invoices_pkey PRIMARY KEY (id);
--                                                ^^^^^^^^^^^ unique-constraint-addition
