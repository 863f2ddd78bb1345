-- schemawise: dialect=postgresql
-- Off unless configured: nothing is reported here.
CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text NOT NULL);
SELECT * FROM users WHERE id = $1;
