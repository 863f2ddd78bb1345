-- schemawise: dialect=postgresql
-- PostgreSQL tables are heaps: a random key costs index page splits only, not row placement. MySQL only.
CREATE TABLE sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid()
);
