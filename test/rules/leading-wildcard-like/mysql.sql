-- schemawise: dialect=mysql
CREATE TABLE `customers` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `email` varchar(255) NOT NULL,
  `name` varchar(255) NOT NULL,
  `bio` text,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uq_email` (`email`),
  KEY `idx_name` (`name`),
  FULLTEXT KEY `ft_name` (`name`)
) ENGINE=InnoDB;

SELECT id FROM customers WHERE email LIKE '%@example.com';
--                             ^^^^^^^^^^^^^^^^^^^^^^^^^^ leading-wildcard-like
SELECT id FROM customers WHERE name LIKE CONCAT('%', ?, '%');
--                             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ leading-wildcard-like

-- Not reported: a prefix search, an unindexed column.
SELECT id FROM customers WHERE email LIKE CONCAT(?, '%');
SELECT id FROM customers WHERE email LIKE 'ann%';
SELECT id FROM customers WHERE bio LIKE '%chess%' AND email = ?;
