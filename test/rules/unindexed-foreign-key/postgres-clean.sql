-- schemawise: dialect=postgresql
CREATE TABLE teams (id bigint PRIMARY KEY);
CREATE TABLE members (
  team_id bigint NOT NULL REFERENCES teams (id),
  user_id bigint NOT NULL,
  PRIMARY KEY (team_id, user_id)
);

-- A partial index on a nullable foreign key: `parent_id = $1` implies `parent_id IS NOT NULL`, so it serves.
CREATE TABLE posts (id bigint PRIMARY KEY, parent_id bigint REFERENCES posts (id), editor_id bigint REFERENCES teams (id));
CREATE INDEX posts_parent_idx ON posts USING btree (parent_id) WHERE (parent_id IS NOT NULL);
CREATE INDEX posts_editor_idx ON posts (editor_id) WHERE editor_id IS NOT NULL AND (editor_id IS NOT NULL);
