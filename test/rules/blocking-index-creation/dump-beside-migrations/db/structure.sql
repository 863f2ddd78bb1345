-- schemawise: dialect=postgresql
-- A dump of the current schema beside the migrations that built it: its tables are declared before any migration.
CREATE TABLE invoices (id bigint PRIMARY KEY, number text NOT NULL);
CREATE INDEX invoices_number_idx ON invoices (number);
CREATE TABLE receipts (id bigint PRIMARY KEY, room text NOT NULL);
CREATE INDEX receipts_room_idx ON receipts (room);
