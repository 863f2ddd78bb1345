-- schemawise: dialect=postgresql
CREATE TABLE members (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email text NOT NULL,
  team_id bigint NOT NULL,
  joined_on date NOT NULL,
  joined_at timestamptz NOT NULL,
  nickname text,
  archived_at timestamptz
);
CREATE INDEX members_lower_email_idx ON members (lower(email));
CREATE INDEX members_team_day_idx ON members (team_id, (joined_at::date));
CREATE INDEX members_joined_on_idx ON members (joined_on);
CREATE INDEX members_live_joined_idx ON members (joined_at) WHERE archived_at IS NULL;

-- An expression index on the same expression serves these.
SELECT id FROM members WHERE lower(email) = $1;
SELECT id FROM members m WHERE LOWER(m.email) = lower($1);
SELECT id FROM members WHERE team_id = $1 AND joined_at::date = $2;
-- A cast to the column's own type changes nothing; the bare column is compared.
SELECT id FROM members WHERE joined_on::date = $1;
SELECT id FROM members WHERE joined_on >= $1 AND joined_on < $2;
-- No index would seek on the bare column: it is not indexed, or the partial index does not apply.
SELECT id FROM members WHERE team_id = $1 AND upper(nickname) = $2;
SELECT id FROM members WHERE team_id = $1 AND date(joined_at) = $2;
-- Negated: no seek on the bare column either.
SELECT id FROM members WHERE team_id = $1 AND NOT (lower(nickname) = $2);
