-- schemawise: dialect=postgresql
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, created_at timestamptz NOT NULL);
CREATE TABLE orders (
  id bigint PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id),
  status text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX orders_user_idx ON orders (user_id);

SELECT id FROM users WHERE email = $1;
--             ^^^^^ query-without-index
SELECT id FROM orders o WHERE o.status = 'paid' AND o.created_at > $1;
--             ^^^^^^^^ query-without-index
-- a join where no table has a filter an index serves: the query starts with a full scan
SELECT o.id FROM orders o JOIN users u ON u.id = o.user_id WHERE u.email = $1;
--                             ^^^^^^^ query-without-index
-- top-N by an unindexed column
SELECT id FROM users ORDER BY created_at DESC LIMIT 10;
--             ^^^^^ query-without-index
UPDATE orders SET status = 'void' WHERE created_at < $1;
--     ^^^^^^ query-without-index
