-- schemawise: dialect=sqlite
CREATE TABLE customer (id INTEGER PRIMARY KEY, email TEXT NOT NULL, country TEXT);
CREATE UNIQUE INDEX customer_email ON customer (email);
CREATE INDEX customer_email_nocase ON customer (email COLLATE NOCASE);
CREATE INDEX customer_country ON customer (country);
