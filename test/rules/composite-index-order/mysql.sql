-- schemawise: dialect=mysql
CREATE TABLE `orders` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `status` varchar(20) NOT NULL,
  `created_at` datetime NOT NULL,
  PRIMARY KEY (`id`),
  KEY `idx_created_status` (`created_at`, `status`)
--                          ^^^^^^^^^^^^^^^^^^^^^^ composite-index-order
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

SELECT `id` FROM `orders` WHERE `status` = ? AND `created_at` BETWEEN ? AND ?;
