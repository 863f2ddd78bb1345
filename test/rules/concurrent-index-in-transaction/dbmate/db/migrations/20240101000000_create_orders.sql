-- migrate:up
CREATE TABLE orders (id bigint PRIMARY KEY, reference text NOT NULL, note text);

-- migrate:down
