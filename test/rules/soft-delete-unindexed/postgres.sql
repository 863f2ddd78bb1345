-- schemawise: dialect=postgresql
CREATE TABLE users (
  id bigint PRIMARY KEY,
  email text NOT NULL,
  username text NOT NULL,
  api_token text NOT NULL UNIQUE,
  public_id uuid NOT NULL UNIQUE,
  deleted_at timestamptz,
  CONSTRAINT users_email_key UNIQUE (email),
--           ^^^^^^^^^^^^^^^ soft-delete-unindexed
  CONSTRAINT users_id_email_key UNIQUE (id, email)
);
CREATE UNIQUE INDEX users_username_idx ON users (lower(username));
--                  ^^^^^^^^^^^^^^^^^^ soft-delete-unindexed

CREATE TABLE memberships (
  id bigint PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id),
  team_id bigint NOT NULL,
  discarded_at timestamptz,
  UNIQUE (user_id, team_id)
--       ^^^^^^^^^^^^^^^^^^ soft-delete-unindexed
);

-- A unique that includes the soft-delete column already lets a deleted row be re-created.
CREATE TABLE slugs (
  id bigint PRIMARY KEY,
  slug text NOT NULL,
  discarded_at timestamptz,
  UNIQUE (slug, discarded_at)
);

-- A unique a foreign key references cannot become a partial index.
CREATE TABLE countries (
  id bigint PRIMARY KEY,
  code text NOT NULL UNIQUE,
  deleted_at timestamptz
);
CREATE TABLE cities (
  id bigint PRIMARY KEY,
  country_code text NOT NULL REFERENCES countries (code)
);
CREATE INDEX cities_country_code_idx ON cities (country_code);
