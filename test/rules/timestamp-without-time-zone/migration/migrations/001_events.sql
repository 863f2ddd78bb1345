-- schemawise: dialect=postgresql
-- An applied migration: the finding stays, the fix does not edit it.
CREATE TABLE events (id bigint PRIMARY KEY, created_at timestamp NOT NULL);
--                                                     ^^^^^^^^^ timestamp-without-time-zone
