-- schemawise: dialect=postgresql
CREATE TABLE events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  payload jsonb NOT NULL,
  tags jsonb[],
  raw text
);
-- json made jsonb by a later ALTER.
CREATE TABLE webhooks (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  body json
);
ALTER TABLE webhooks ALTER COLUMN body TYPE jsonb USING body::jsonb;
-- Changed from jsonb to json on purpose (jsonb reorders keys): the author already chose.
CREATE TABLE prompts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  config jsonb NOT NULL DEFAULT '{}'
);
ALTER TABLE prompts ALTER COLUMN config TYPE json USING config::json;
