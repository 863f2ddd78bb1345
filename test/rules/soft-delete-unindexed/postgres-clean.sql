-- schemawise: dialect=postgresql
CREATE TABLE users (
  id bigint PRIMARY KEY,
  email text NOT NULL,
  external_ref text NOT NULL UNIQUE,
  deleted_at timestamptz
);
-- Live rows only: a deleted user's email can sign up again. The full unique left on the table is deliberate.
CREATE UNIQUE INDEX users_email_live_idx ON users (email) WHERE deleted_at IS NULL;

-- Not a soft-delete column: NOT NULL, or not a timestamp.
CREATE TABLE posts (
  id bigint PRIMARY KEY,
  slug text NOT NULL UNIQUE,
  deleted_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE tags (
  id bigint PRIMARY KEY,
  name text NOT NULL UNIQUE,
  deleted_at boolean
);

-- Archiving is not deleting by default: an archived project keeps its path.
CREATE TABLE projects (
  id bigint PRIMARY KEY,
  path text NOT NULL UNIQUE,
  archived_at timestamptz
);
