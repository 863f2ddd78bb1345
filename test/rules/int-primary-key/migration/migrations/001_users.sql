-- schemawise: dialect=postgresql
CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL);
--                     ^^^^^^ int-primary-key
--                     ^^^^^^ serial-column
CREATE TABLE teams (id serial PRIMARY KEY, name text NOT NULL);
