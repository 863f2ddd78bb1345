-- schemawise: dialect=mysql
CREATE TABLE `orders` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `shop_id` bigint unsigned NOT NULL,
  `placed_at` datetime NOT NULL,
  `code` varchar(32) COLLATE utf8mb4_bin NOT NULL,
  `email` varchar(255) NOT NULL,
  `total` decimal(12,2) NOT NULL,
  PRIMARY KEY (`id`),
  KEY `idx_shop_placed` (`shop_id`, `placed_at`),
  KEY `idx_code` (`code`),
  KEY `idx_email` (`email`),
  KEY `idx_total` (`total`)
) ENGINE=InnoDB;

SELECT id FROM orders WHERE shop_id = ? AND DATE(placed_at) = ?;
--                                          ^^^^^^^^^^^^^^^ non-sargable-predicate
SELECT id FROM orders WHERE shop_id = ? AND YEAR(placed_at) = 2024;
--                                          ^^^^^^^^^^^^^^^ non-sargable-predicate
SELECT id FROM orders WHERE LOWER(email) = ?;
--                          ^^^^^^^^^^^^ non-sargable-predicate
SELECT id FROM orders WHERE UPPER(code) = ?;
--                          ^^^^^^^^^^^ non-sargable-predicate
SELECT id FROM orders WHERE total + 10 > ?;
--                          ^^^^^^^^^^ non-sargable-predicate
SELECT id FROM orders WHERE shop_id = ? AND CAST(placed_at AS DATE) = CURDATE();
--                                          ^^^^^^^^^^^^^^^^^^^^^^^ non-sargable-predicate

-- Not reported: the bare column, or no index seeking on it for this query.
SELECT id FROM orders WHERE shop_id = ? AND placed_at >= ? AND placed_at < ? + INTERVAL 1 DAY;
SELECT id FROM orders WHERE DATE(placed_at) = ? AND shop_id > 0;
