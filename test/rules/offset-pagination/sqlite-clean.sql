-- schemawise: dialect=sqlite
CREATE TABLE messages (
  id INTEGER PRIMARY KEY,
  room_id INTEGER NOT NULL,
  sent_at TEXT NOT NULL
);
CREATE INDEX messages_room_sent ON messages (room_id, sent_at);

SELECT id FROM messages WHERE room_id = ? AND (sent_at, id) < (?, ?) ORDER BY sent_at DESC, id DESC LIMIT 50;
SELECT id FROM messages WHERE room_id = ? ORDER BY sent_at DESC LIMIT 50 OFFSET 50;
