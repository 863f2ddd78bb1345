-- schemawise: dialect=postgresql
CREATE TABLE users (id bigint PRIMARY KEY, email text, name text, phone text, tenant text, "Region" text, city text);
CREATE TABLE sessions (id bigint PRIMARY KEY, data text, token text);
CREATE TABLE events (id bigint PRIMARY KEY, kind text);
