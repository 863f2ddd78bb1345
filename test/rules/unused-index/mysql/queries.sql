-- schemawise: dialect=mysql
SELECT id, name FROM customers WHERE id = ?;
SELECT id FROM customers WHERE email = ?;
UPDATE customers SET name = ? WHERE id = ?;
