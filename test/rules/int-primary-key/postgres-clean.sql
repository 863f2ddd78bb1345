-- schemawise: dialect=postgresql
-- 64-bit keys; an integer key that is not generated (a natural key, a code) is not a counter that can run out.
CREATE TABLE accounts (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL);
CREATE TABLE events (id bigserial PRIMARY KEY, name text NOT NULL);
--                      ^^^^^^^^^ serial-column
CREATE TABLE countries (code integer PRIMARY KEY, name text NOT NULL);
CREATE TABLE counters (id bigint PRIMARY KEY, n serial NOT NULL);
--                                              ^^^^^^ serial-column
