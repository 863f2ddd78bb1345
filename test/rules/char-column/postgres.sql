-- schemawise: dialect=postgresql
CREATE TABLE countries (
  code character(2) PRIMARY KEY,
--     ^^^^^^^^^^^^ char-column
  name char(40) NOT NULL,
--     ^^^^^^^^ char-column
  aliases char(10)[],
--        ^^^^^^^^^^ char-column
  legacy bpchar,
--       ^^^^^^ char-column
  -- char(1) pads only the empty string; "char" is PostgreSQL's one-byte internal type: neither is reported.
  flag char(1) NOT NULL DEFAULT 'N',
  kind "char",
  label varchar(40),
  notes text
);

CREATE TABLE regions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  country_code varchar(2)
);
ALTER TABLE regions ADD COLUMN postcode character(8);
--                                      ^^^^^^^^^^^^ char-column
ALTER TABLE regions ALTER COLUMN country_code TYPE char(2);
--                  ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ char-column
