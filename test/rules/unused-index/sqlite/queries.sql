-- schemawise: dialect=sqlite
SELECT id, payload FROM events WHERE created_at >= ? ORDER BY created_at;
SELECT id, payload FROM events WHERE created_at > ? AND created_at < ?;
SELECT payload FROM events WHERE id = ?;
