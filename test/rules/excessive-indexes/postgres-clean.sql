-- schemawise: dialect=postgresql
CREATE TABLE accounts (
  id bigint PRIMARY KEY,
  email text NOT NULL UNIQUE,
  name text,
  country text
);
CREATE INDEX accounts_name_idx ON accounts (name);
CREATE INDEX accounts_country_idx ON accounts (country);
-- Dropped indexes no longer count.
CREATE INDEX accounts_a ON accounts (lower(name));
CREATE INDEX accounts_b ON accounts (lower(country));
CREATE INDEX accounts_c ON accounts (upper(name));
CREATE INDEX accounts_d ON accounts (upper(country));
CREATE INDEX accounts_e ON accounts (length(name));
DROP INDEX accounts_a;
DROP INDEX accounts_b;
