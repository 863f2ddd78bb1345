-- schemawise: dialect=mysql
SELECT id, name FROM customers WHERE id = ?;
SELECT id FROM customers WHERE email = ?;
SELECT * FROM customers WHERE name LIKE '%smith%';
