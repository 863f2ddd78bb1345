-- schemawise: dialect=mysql
SELECT id, email FROM customers WHERE id = ?;
SELECT email FROM customers WHERE id > ? ORDER BY id LIMIT 10;
SELECT id, email FROM customers WHERE id IN (?, ?);
SELECT id, total FROM invoices;
SELECT total FROM invoices WHERE id = ?;
DELETE FROM invoices WHERE id = ?;
UPDATE invoices SET total = ? WHERE id = ?;
