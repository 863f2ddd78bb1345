-- schemawise: dialect=mysql
CREATE TABLE `customers` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `email` varchar(191) NOT NULL,
  `tenant_id` bigint unsigned NOT NULL,
  PRIMARY KEY (`tenant_id`, `id`),
  UNIQUE KEY `uq_email` (`email`),
  KEY `idx_id` (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- a unique constraint is an index
SELECT `id` FROM `customers` WHERE `email` = ?;
-- the primary key's leading column
SELECT `id` FROM `customers` WHERE `tenant_id` = ? ORDER BY `id` LIMIT 20;
-- multi-column IN on the primary key
SELECT `email` FROM `customers` WHERE (`tenant_id`, `id`) IN ((1, 2), (3, 4));
