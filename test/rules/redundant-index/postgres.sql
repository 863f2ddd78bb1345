-- schemawise: dialect=postgresql
CREATE TABLE events (
--           ^^^^^^ excessive-indexes
  id bigint PRIMARY KEY,
  account_id bigint NOT NULL,
  kind text NOT NULL,
  created_at timestamptz NOT NULL,
  payload jsonb
);
CREATE INDEX events_account_idx ON events (account_id);
--           ^^^^^^^^^^^^^^^^^^ redundant-index
CREATE INDEX events_account_kind_idx ON events (account_id, kind, created_at);
CREATE INDEX events_account_kind_short_idx ON events (account_id DESC, kind DESC);
--           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ redundant-index

-- Not redundant: unique (enforces something), partial (other rows), INCLUDE columns the longer index lacks,
-- another method, and a different leading column.
CREATE UNIQUE INDEX events_account_unique_idx ON events (account_id, id);
CREATE INDEX events_kind_recent_idx ON events (kind) WHERE created_at > '2026-01-01';
CREATE INDEX events_kind_created_idx ON events (kind, created_at);
CREATE INDEX events_kind_cover_idx ON events (kind) INCLUDE (payload);
CREATE INDEX events_payload_idx ON events USING gin (payload);
CREATE INDEX events_created_idx ON events (created_at);

-- A copy of a redundant index is reported once, as a duplicate.
CREATE TABLE logins (id bigint PRIMARY KEY, user_id bigint NOT NULL, at timestamptz NOT NULL);
CREATE INDEX logins_user_idx ON logins (user_id);
--           ^^^^^^^^^^^^^^^ redundant-index
CREATE INDEX logins_user_idx2 ON logins (user_id);
--           ^^^^^^^^^^^^^^^^ duplicate-index
CREATE INDEX logins_user_at_idx ON logins (user_id, at);
