-- schemawise: dialect=postgresql
CREATE TABLE logs (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, line text NOT NULL);

SELECT id, line FROM logs ORDER BY id LIMIT 20 OFFSET 200;
--                                                    ^^^ offset-pagination
SELECT id, line FROM logs ORDER BY id LIMIT 20 OFFSET 80;
