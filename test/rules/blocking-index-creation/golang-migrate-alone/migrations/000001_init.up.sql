-- schemawise: dialect=postgresql
CREATE TABLE orders (id bigint PRIMARY KEY, reference text NOT NULL, note text);
