-- schemawise: dialect=postgresql
CREATE TABLE plans (id bigint PRIMARY KEY);
CREATE TABLE accounts (
  id bigint PRIMARY KEY,
  is_active boolean NOT NULL DEFAULT true,
  login_count integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- DEFAULT NULL, a limit whose NULL may mean "none", a business date, a foreign key, a generated column.
  nickname text DEFAULT NULL::text,
  request_limit integer DEFAULT 600,
  trial_ends_at timestamptz DEFAULT now(),
  plan_id bigint DEFAULT 0 REFERENCES plans (id),
  is_big boolean GENERATED ALWAYS AS (login_count > 1000) STORED
);
CREATE INDEX accounts_plan_id_idx ON accounts (plan_id);
