-- A support-ticket service: the schema as the team keeps it (PostgreSQL).
CREATE TABLE organizations (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE agents (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organization_id bigint NOT NULL REFERENCES organizations (id),
  email text NOT NULL,
  display_name text NOT NULL
);
CREATE UNIQUE INDEX agents_org_email_key ON agents (organization_id, email);

CREATE TABLE tickets (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organization_id bigint NOT NULL REFERENCES organizations (id),
  assignee_id bigint REFERENCES agents (id),
  status text NOT NULL,
  priority smallint NOT NULL,
  subject text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz
);
-- The range column first: the inbox query below compares status by equality.
CREATE INDEX tickets_created_status ON tickets (created_at, status);
CREATE INDEX tickets_org_created ON tickets (organization_id, created_at DESC);
CREATE INDEX tickets_assignee ON tickets (assignee_id) WHERE assignee_id IS NOT NULL;

CREATE TABLE comments (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ticket_id bigint NOT NULL REFERENCES tickets (id),
  author_id bigint NOT NULL REFERENCES agents (id),
  body text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX comments_ticket_created ON comments (ticket_id, created_at);
CREATE INDEX comments_author ON comments (author_id);
