-- schemawise: dialect=postgresql
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, nickname text, active boolean NOT NULL);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint NOT NULL REFERENCES users (id), status text NOT NULL);
CREATE INDEX orders_user_status ON orders (user_id, status);
-- a small lookup table, filled by a few seed rows
CREATE TABLE countries (code text PRIMARY KEY, name text NOT NULL);
INSERT INTO countries (code, name) VALUES ('de', 'Germany'), ('fr', 'France');

SELECT * FROM users WHERE id = $1;
SELECT * FROM users WHERE lower(email) = lower($1);
-- the leading column of a composite index
SELECT * FROM orders WHERE user_id = $1;
-- the join starts at users (primary key), orders follows by its indexed user_id
SELECT o.* FROM users u JOIN orders o ON o.user_id = u.id WHERE u.id = $1 AND o.status = 'paid';
-- no selective filter: an index would not help
SELECT * FROM users WHERE nickname IS NULL;
SELECT * FROM users WHERE active;
SELECT count(*) FROM orders;
SELECT * FROM countries WHERE name = $1;
