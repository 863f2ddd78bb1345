CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint NOT NULL REFERENCES users (id), placed_at timestamptz NOT NULL);
CREATE INDEX orders_user_idx ON orders (user_id);
-- a data migration: not workload
UPDATE users SET email = lower(email) WHERE email <> lower(email);
