-- schemawise: dialect=postgresql
CREATE TABLE countries (
  code varchar(2) PRIMARY KEY,
  name text NOT NULL CHECK (length(name) <= 40),
  active char(1) NOT NULL DEFAULT 'Y',
  kind "char"
);
-- A char(n) that a later ALTER makes varchar(n).
CREATE TABLE regions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  postcode char(8)
);
ALTER TABLE regions ALTER COLUMN postcode TYPE varchar(8);
