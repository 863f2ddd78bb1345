-- schemawise: dialect=mysql
SELECT id, email FROM customers WHERE id = ?;
SELECT id FROM customers WHERE email > ? ORDER BY email LIMIT 10;
SELECT id, email FROM customers WHERE id IN (?, ?);
SELECT id, total FROM invoices WHERE total > 1000;
SELECT total FROM invoices WHERE id = ?;
DELETE FROM invoices WHERE id = ?;
