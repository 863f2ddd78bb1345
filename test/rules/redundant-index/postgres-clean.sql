-- schemawise: dialect=postgresql
CREATE TABLE sessions (
  id bigint PRIMARY KEY,
  user_id bigint NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user_expires_idx ON sessions (user_id, expires_at);
CREATE INDEX sessions_expires_idx ON sessions (expires_at);
