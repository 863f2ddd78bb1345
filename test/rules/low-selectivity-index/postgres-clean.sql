-- schemawise: dialect=postgresql
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');

CREATE TABLE jobs (
  id bigint PRIMARY KEY,
  done boolean NOT NULL DEFAULT false,
  mood mood,
  queue text NOT NULL
);
-- The usual remedy: a partial index on the rare value.
CREATE INDEX jobs_pending_idx ON jobs (id) WHERE NOT done;
CREATE INDEX jobs_queue_mood_idx ON jobs (queue, mood);
-- A GIN or BRIN index is another method: not this rule's business.
CREATE INDEX jobs_done_brin ON jobs USING brin (done);
