-- schemawise: dialect=postgresql
-- `users` existed before this file: it may hold rows.
ALTER TABLE users ADD COLUMN tenant_id bigint NOT NULL;
--                                            ^^^^^^^^ not-null-column-without-default
ALTER TABLE users ADD COLUMN legacy boolean NOT NULL DEFAULT NULL;
--                                          ^^^^^^^^ not-null-column-without-default
ALTER TABLE users ADD COLUMN status text NOT NULL DEFAULT 'active';
ALTER TABLE users ADD COLUMN nickname text;
-- Columns that bring their own values.
ALTER TABLE users ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;
--                           ^^^ table-rewrite
ALTER TABLE users ADD COLUMN email_lower text NOT NULL GENERATED ALWAYS AS (lower(email)) STORED;
--                           ^^^^^^^^^^^ table-rewrite
-- Already there: IF NOT EXISTS makes it a no-op.
ALTER TABLE users ADD COLUMN IF NOT EXISTS email text NOT NULL;
-- A table created earlier in this file is empty: nothing to fill.
CREATE TABLE profiles (id bigint PRIMARY KEY);
ALTER TABLE profiles ADD COLUMN bio text NOT NULL;
