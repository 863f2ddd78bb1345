-- schemawise: dialect=mysql
CREATE TABLE `orders` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `number` varchar(32) NOT NULL,
  `customer_id` bigint unsigned NOT NULL,
  `status` varchar(16) NOT NULL,
  `placed_at` datetime NOT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uq_number` (`number`),
  KEY `idx_customer_status` (`customer_id`, `status`),
  KEY `idx_placed` (`placed_at`)
) ENGINE=InnoDB;
