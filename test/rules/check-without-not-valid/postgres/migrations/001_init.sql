-- schemawise: dialect=postgresql
CREATE TABLE products (id bigint PRIMARY KEY, price numeric(10,2), stock integer, sku text);
