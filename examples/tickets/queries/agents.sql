-- name: AgentByEmail :one
-- Login looks agents up by email alone, across organizations.
SELECT id, organization_id, display_name FROM agents WHERE email = $1;

-- name: TicketThread :many
SELECT c.body, c.created_at, a.display_name
FROM comments c
JOIN agents a ON a.id = c.author_id
WHERE c.ticket_id = $1
ORDER BY c.created_at;
