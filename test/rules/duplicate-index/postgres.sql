-- schemawise: dialect=postgresql
CREATE TABLE users (
--           ^^^^^ excessive-indexes
  id bigint PRIMARY KEY,
  email text NOT NULL,
  tenant_id bigint NOT NULL
);
CREATE UNIQUE INDEX users_email_key ON users (email);
CREATE INDEX users_email_idx ON users (email);
--           ^^^^^^^^^^^^^^^ duplicate-index
CREATE INDEX users_id_idx ON users (id);
--           ^^^^^^^^^^^^ duplicate-index
CREATE INDEX users_tenant_idx ON users (tenant_id);
CREATE INDEX users_tenant_btree_idx ON users USING btree (tenant_id DESC);
--           ^^^^^^^^^^^^^^^^^^^^^^ duplicate-index

-- Not duplicates: another NULLS order, a predicate, another method.
CREATE INDEX users_tenant_nulls_idx ON users (tenant_id DESC NULLS LAST);
CREATE INDEX users_tenant_active_idx ON users (tenant_id) WHERE email <> '';
CREATE INDEX users_email_hash_idx ON users USING hash (email);

-- The same predicate, with and without pg_dump's parentheses.
CREATE TABLE carts (id bigint PRIMARY KEY, user_id bigint NOT NULL, deleted_at timestamptz);
CREATE INDEX carts_live_user_idx ON carts (user_id) WHERE deleted_at IS NULL;
CREATE INDEX carts_user_live_idx ON carts USING btree (user_id) WHERE (deleted_at IS NULL);
--           ^^^^^^^^^^^^^^^^^^^ duplicate-index
