-- schemawise: dialect=postgresql
CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text NOT NULL, name text NOT NULL);
CREATE UNIQUE INDEX users_email_key ON users (email);
CREATE TABLE sessions (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, user_id bigint NOT NULL REFERENCES users (id));
CREATE INDEX sessions_user_id_idx ON sessions (user_id);

SELECT * FROM users WHERE email = $1;
--     ^ select-star
SELECT u.*, s.id AS session_id FROM users u JOIN sessions s ON s.user_id = u.id WHERE s.id = $1;
--     ^^^ select-star
CREATE VIEW user_list AS SELECT * FROM users;
--                              ^ select-star
SELECT id FROM users UNION ALL SELECT * FROM users WHERE email = $1;
--                                    ^ select-star

-- Not reported: a column list, count(*), EXISTS (SELECT * …), a derived table or CTE read through a column list.
SELECT id, email FROM users WHERE email = $1;
SELECT count(*) FROM users;
SELECT id FROM users u WHERE EXISTS (SELECT * FROM sessions s WHERE s.user_id = u.id);
SELECT d.id FROM (SELECT * FROM users WHERE email = $1) d;
WITH recent AS (SELECT * FROM sessions WHERE user_id = $1) SELECT id FROM recent;
WITH mine AS (SELECT * FROM sessions WHERE user_id = $1) SELECT id FROM mine UNION ALL SELECT id FROM sessions WHERE id = $2;
-- `*` over a column list written in the same query.
SELECT * FROM (SELECT id, email FROM users) d;
WITH r AS (SELECT id FROM users WHERE email = $1) SELECT r.* FROM r;
SELECT dd.*, s.id FROM sessions s JOIN (SELECT id, email FROM users) dd ON dd.id = s.user_id WHERE s.id = $1;
