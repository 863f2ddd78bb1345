-- schemawise: dialect=mysql
CREATE TABLE users (id bigint PRIMARY KEY, email varchar(255) NOT NULL, name varchar(100));
CREATE TABLE orders (id bigint PRIMARY KEY, total decimal(12, 2) NOT NULL);
CREATE TABLE carts (id bigint PRIMARY KEY);
CREATE TABLE sessions (id bigint PRIMARY KEY);
CREATE TABLE sessions_new (id bigint PRIMARY KEY, token varchar(64));
