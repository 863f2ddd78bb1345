-- schemawise: dialect=postgresql
-- IF NOT EXISTS of a table only the dump declares: no earlier migration made it, so this one does (new and empty).
CREATE TABLE IF NOT EXISTS receipts (id bigint PRIMARY KEY, room text NOT NULL);
CREATE INDEX receipts_room_idx ON receipts (room);
