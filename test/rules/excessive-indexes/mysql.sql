-- schemawise: dialect=mysql
CREATE TABLE `orders` (
--           ^^^^^^^^ excessive-indexes
  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `number` varchar(32) NOT NULL,
  `customer_id` bigint unsigned NOT NULL,
  `status` varchar(16) NOT NULL,
  `placed_at` datetime NOT NULL,
  `shipped_at` datetime DEFAULT NULL,
  `total` decimal(12,2) NOT NULL,
  `currency` char(3) NOT NULL,
  `coupon` varchar(32) DEFAULT NULL,
  `note` text,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uq_number` (`number`),
  KEY `idx_customer` (`customer_id`),
  KEY `idx_status` (`status`),
  KEY `idx_placed` (`placed_at`),
  KEY `idx_shipped` (`shipped_at`),
  KEY `idx_total` (`total`),
  KEY `idx_currency` (`currency`),
  FULLTEXT KEY `ft_note` (`note`)
) ENGINE=InnoDB;
