-- schemawise: dialect=postgresql
CREATE TABLE orders (
  id bigint PRIMARY KEY,
  status text NOT NULL,
  created_at timestamptz NOT NULL,
  total numeric(12,2) NOT NULL
);
-- already ERS for its query
CREATE INDEX orders_status_created ON orders (status, created_at);
SELECT id FROM orders WHERE status = $1 AND created_at > $2;

-- no query uses this one's columns: no evidence, no finding
CREATE TABLE audit (id bigint PRIMARY KEY, at timestamptz NOT NULL, actor text NOT NULL);
CREATE INDEX audit_at_actor ON audit (at, actor);

-- range and sort on different columns: a trade-off, not flagged
CREATE TABLE events (id bigint PRIMARY KEY, kind text NOT NULL, happened_at timestamptz NOT NULL, score int NOT NULL);
CREATE INDEX events_score_kind ON events (score, kind);
SELECT id FROM events WHERE kind = $1 AND score > 10 ORDER BY happened_at LIMIT 10;

-- another index already serves the query in ERS order
CREATE TABLE tickets (id bigint PRIMARY KEY, queue text NOT NULL, opened_at timestamptz NOT NULL);
CREATE INDEX tickets_opened_queue ON tickets (opened_at, queue);
CREATE INDEX tickets_queue_opened ON tickets (queue, opened_at);
SELECT id FROM tickets WHERE queue = $1 AND opened_at > $2;
SELECT id FROM tickets WHERE opened_at > $1;

-- queries disagree and neither order serves more of them
CREATE TABLE logs (id bigint PRIMARY KEY, level text NOT NULL, logged_at timestamptz NOT NULL);
CREATE INDEX logs_logged_level ON logs (logged_at, level);
SELECT id FROM logs WHERE level = $1 AND logged_at > $2;
SELECT id FROM logs WHERE logged_at = $1 AND level > $2;

-- a partial index the query does not imply cannot serve it: its order is not the query's business
CREATE TABLE jobs (id bigint PRIMARY KEY, state text NOT NULL, run_at timestamptz NOT NULL, deleted_at timestamptz);
CREATE INDEX jobs_run_state_live ON jobs (run_at, state) WHERE deleted_at IS NULL;
SELECT id FROM jobs WHERE state = $1 AND run_at < now();
--             ^^^^ query-without-index
