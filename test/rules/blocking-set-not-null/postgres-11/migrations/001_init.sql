-- schemawise: dialect=postgresql
CREATE TABLE users (id bigint PRIMARY KEY, email text, name text, phone text, tenant text, "Region" text, city text);
