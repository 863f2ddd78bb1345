-- schemawise: dialect=postgresql
CREATE TABLE events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  payload json NOT NULL,
--        ^^^^ json-column
  tags json[],
--     ^^^^^^ json-column
  context jsonb
);

CREATE TABLE webhooks (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  body text
);
ALTER TABLE webhooks ADD COLUMN response pg_catalog.json;
--                                       ^^^^^^^^^^^^^^^ json-column
-- Changed by a later ALTER: reported there (a fix on the CREATE TABLE would edit an overridden type).
ALTER TABLE webhooks ALTER COLUMN body TYPE json USING body::json;
--                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ json-column
