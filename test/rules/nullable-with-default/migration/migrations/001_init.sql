-- schemawise: dialect=postgresql
CREATE TABLE sessions (id bigint PRIMARY KEY, token text NOT NULL);
