-- name: InboxByStatus :many
-- The open tickets of the last week, newest first.
SELECT id, subject, priority, created_at
FROM tickets
WHERE status = $1 AND created_at >= now() - interval '7 days'
ORDER BY created_at DESC
LIMIT 50;

-- name: OrganizationTickets :many
SELECT t.id, t.subject, t.status
FROM tickets t
WHERE t.organization_id = $1
ORDER BY t.created_at DESC
LIMIT 25;

-- name: AssignedOpen :many
SELECT t.id, t.subject
FROM tickets t
WHERE t.assignee_id = $1 AND t.status = 'open';

-- name: TicketsBySubject :many
SELECT id FROM tickets WHERE organization_id = $1 AND lower(subject) LIKE $2;

-- name: CloseStale :exec
UPDATE tickets SET status = 'closed', closed_at = now()
WHERE status = 'pending' AND created_at < $1;
