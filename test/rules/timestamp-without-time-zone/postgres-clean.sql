-- schemawise: dialect=postgresql
-- Instants as timestamptz; a column named as a local wall-clock time or a birth date is left alone; dates and times
-- are not instants.
CREATE TABLE events (
  id bigint PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamp(6) with time zone NOT NULL,
  starts_local timestamp NOT NULL,
  birth_date timestamp,
  day date,
  opens time
);
