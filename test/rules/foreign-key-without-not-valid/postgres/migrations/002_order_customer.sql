-- schemawise: dialect=postgresql
-- An older migration: it has run wherever it will run, so no fix edits it.
ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id);
--                                                   ^^^^^^^^^^^ foreign-key-without-not-valid
