-- schemawise: dialect=sqlite
CREATE TABLE messages (
  id INTEGER PRIMARY KEY,
  room TEXT NOT NULL,
  sent_at INTEGER NOT NULL
);
CREATE INDEX messages_room_sent ON messages (room, sent_at);

SELECT id FROM messages WHERE room = ? ORDER BY sent_at DESC LIMIT 50;
SELECT id FROM messages WHERE room IN (?, ?) AND sent_at > ?;
