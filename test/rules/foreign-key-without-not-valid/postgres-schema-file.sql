-- schemawise: dialect=postgresql
-- A schema file (pg_dump style) declares its keys after the tables: no migration, no rows.
CREATE TABLE authors (id bigint PRIMARY KEY);
CREATE TABLE books (id bigint PRIMARY KEY, author_id bigint);
CREATE INDEX books_author_id_idx ON books (author_id);
ALTER TABLE ONLY books ADD CONSTRAINT books_author_id_fkey FOREIGN KEY (author_id) REFERENCES authors (id);
