-- schemawise: dialect=postgresql
-- Nine: the primary key, two unique constraints and six indexes.
CREATE TABLE accounts (
--           ^^^^^^^^ excessive-indexes
  id bigint PRIMARY KEY,
  email text NOT NULL UNIQUE,
  handle text NOT NULL,
  name text,
  country text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz,
  plan text,
  referrer text,
  tags text[],
  CONSTRAINT accounts_handle_key UNIQUE (handle)
);
CREATE INDEX accounts_name_idx ON accounts (name);
CREATE INDEX accounts_country_idx ON accounts (country);
CREATE INDEX accounts_created_idx ON accounts (created_at);
CREATE INDEX accounts_updated_idx ON accounts (updated_at);
CREATE INDEX accounts_plan_idx ON accounts (plan);
CREATE INDEX accounts_tags_idx ON accounts USING gin (tags);

-- Eight: at the limit, not over it.
CREATE TABLE profiles (
  id bigint PRIMARY KEY,
  a int, b int, c int, d int, e int, f int, g int
);
CREATE INDEX profiles_a_idx ON profiles (a);
CREATE INDEX profiles_b_idx ON profiles (b);
CREATE INDEX profiles_c_idx ON profiles (c);
CREATE INDEX profiles_d_idx ON profiles (d);
CREATE INDEX profiles_e_idx ON profiles (e);
CREATE INDEX profiles_f_idx ON profiles (f);
CREATE INDEX profiles_g_idx ON profiles (g);
