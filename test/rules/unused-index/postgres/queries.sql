SELECT id, status FROM orders WHERE customer_id = $1;
SELECT id FROM orders WHERE status = 'open' AND created_at > $1;
SELECT id, status, created_at FROM orders WHERE created_at >= $1 ORDER BY created_at LIMIT 50;
SELECT id FROM customers WHERE lower(email) = lower($1);
SELECT c.id, c.email FROM customers c WHERE c.country = $1;
SELECT id FROM customers WHERE id = $1;
