-- schemawise: dialect=postgresql
-- A schema file (not a migration): no rows to test.
CREATE TABLE plans (id bigint PRIMARY KEY, seats integer);
ALTER TABLE ONLY plans ADD CONSTRAINT plans_seats_positive CHECK (seats > 0);
