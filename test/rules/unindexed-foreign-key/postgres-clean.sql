-- schemawise: dialect=postgresql
CREATE TABLE teams (id bigint PRIMARY KEY);
CREATE TABLE members (
  team_id bigint NOT NULL REFERENCES teams (id),
  user_id bigint NOT NULL,
  PRIMARY KEY (team_id, user_id)
);
