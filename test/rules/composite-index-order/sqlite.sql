-- schemawise: dialect=sqlite
CREATE TABLE messages (
  id INTEGER PRIMARY KEY,
  room TEXT NOT NULL,
  sent_at INTEGER NOT NULL
);
CREATE INDEX messages_sent_room ON messages (sent_at, room);
--                                           ^^^^^^^^^^^^^ composite-index-order

SELECT id FROM messages WHERE room = ? ORDER BY sent_at DESC LIMIT 50;
