-- schemawise: dialect=postgresql
-- An applied migration: reported, but no fix (editing it changes no database).
CREATE TABLE audit (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  data json
--     ^^^^ json-column
);
