-- schemawise: dialect=postgresql
CREATE TABLE customers (id bigint PRIMARY KEY, email text NOT NULL, tenant_id bigint NOT NULL, handle text NOT NULL);
CREATE TABLE events (id bigint NOT NULL, payload text);
CREATE TABLE orders (id bigint PRIMARY KEY, reference text NOT NULL);
-- New in this file: empty, the index builds instantly.
ALTER TABLE orders ADD CONSTRAINT orders_reference_key UNIQUE (reference);
