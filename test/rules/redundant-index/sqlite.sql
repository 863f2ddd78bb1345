-- schemawise: dialect=sqlite
CREATE TABLE message (
  id INTEGER PRIMARY KEY,
  room_id INTEGER NOT NULL,
  sent_at INTEGER NOT NULL
);
CREATE INDEX message_room ON message (room_id);
--           ^^^^^^^^^^^^ redundant-index
CREATE INDEX message_room_sent ON message (room_id, sent_at);
