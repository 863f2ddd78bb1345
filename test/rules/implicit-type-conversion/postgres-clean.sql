-- schemawise: dialect=postgresql
CREATE TABLE teams (id integer PRIMARY KEY, name text NOT NULL);
CREATE UNIQUE INDEX teams_name_key ON teams (name);
CREATE TABLE players (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  team_id bigint NOT NULL REFERENCES teams (id),
  handle varchar(40) NOT NULL
);
CREATE INDEX players_team_id_idx ON players (team_id);
CREATE UNIQUE INDEX players_handle_key ON players (handle);

-- bigint = integer and varchar = text compare without converting the indexed side.
SELECT p.id FROM players p JOIN teams t ON t.id = p.team_id WHERE t.name = $1;
SELECT id FROM players WHERE handle = $1::text;
