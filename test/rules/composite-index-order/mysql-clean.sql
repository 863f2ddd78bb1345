-- schemawise: dialect=mysql
CREATE TABLE `orders` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `status` varchar(20) NOT NULL,
  `created_at` datetime NOT NULL,
  PRIMARY KEY (`id`),
  KEY `idx_status_created` (`status`, `created_at`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

SELECT `id` FROM `orders` WHERE `status` = ? AND `created_at` > ?;
-- InnoDB appends the primary key to every secondary index: (status, created_at, id) also serves this sort
SELECT `id` FROM `orders` WHERE `status` = ? AND `created_at` = ? ORDER BY `id` LIMIT 10;
