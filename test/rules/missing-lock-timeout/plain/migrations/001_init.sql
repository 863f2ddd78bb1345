-- schemawise: dialect=postgresql
CREATE TABLE orders (id bigint PRIMARY KEY, total numeric(12,2) NOT NULL, note text);
-- Created in this file: nobody waits on it.
ALTER TABLE orders ADD COLUMN reference text;
