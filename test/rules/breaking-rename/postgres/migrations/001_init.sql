-- schemawise: dialect=postgresql
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, nickname text);
CREATE TABLE orders (id bigint PRIMARY KEY, total numeric(12, 2) NOT NULL);
CREATE TABLE invoices (id bigint PRIMARY KEY, note text);
CREATE TABLE billing.accounts (id bigint PRIMARY KEY, label text);
