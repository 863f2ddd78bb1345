-- schemawise: dialect=postgresql
-- A schema file: new tables, so the fix rewrites the type in place.
CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
--   ^^^^^^^^^ serial-column
  seq SERIAL8 NOT NULL
--    ^^^^^^^ serial-column
);
CREATE TABLE flags (id smallserial PRIMARY KEY, name text NOT NULL);
--                     ^^^^^^^^^^^ int-primary-key
--                     ^^^^^^^^^^^ serial-column
