-- name: UserByEmail :one
SELECT id FROM users WHERE email = $1;
--             ^^^^^ query-without-index
