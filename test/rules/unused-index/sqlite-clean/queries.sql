-- schemawise: dialect=sqlite
SELECT id, payload FROM events WHERE kind = ? ORDER BY created_at DESC LIMIT 20;
SELECT payload FROM events WHERE id = ?;
SELECT count(*) FROM events WHERE id > ?;
