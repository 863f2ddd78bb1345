-- schemawise: dialect=postgresql
CREATE TABLE authors (id bigint PRIMARY KEY);
CREATE TABLE posts (id bigint PRIMARY KEY, title text NOT NULL);
