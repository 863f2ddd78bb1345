-- migrate:up
CREATE TABLE orders (id bigint PRIMARY KEY, note text);

-- migrate:down
DROP TABLE orders;
