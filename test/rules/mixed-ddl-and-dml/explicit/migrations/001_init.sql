-- schemawise: dialect=postgresql
CREATE TABLE orders (id bigint PRIMARY KEY, note text, created_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE customers (id bigint PRIMARY KEY, name text NOT NULL);
