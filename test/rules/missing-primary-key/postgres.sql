-- schemawise: dialect=postgresql
CREATE TABLE audit_log (
--           ^^^^^^^^^ missing-primary-key
  happened_at timestamptz NOT NULL,
  message text
);

CREATE TABLE accounts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email text NOT NULL UNIQUE
);

CREATE TABLE public.sessions (
--           ^^^^^^^^^^^^^^^ missing-primary-key
  token text NOT NULL,
  account_id bigint,
  CONSTRAINT sessions_token_key UNIQUE (token)
);
-- Partitions take their key from the parent; temporary tables are scratch space.
CREATE TABLE measurements (
  id bigint NOT NULL,
  taken_on date NOT NULL,
  PRIMARY KEY (id, taken_on)
) PARTITION BY RANGE (taken_on);
CREATE TABLE measurements_2026 PARTITION OF measurements FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
CREATE TEMPORARY TABLE scratch (x int);
