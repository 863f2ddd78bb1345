-- schemawise: dialect=mysql
CREATE TABLE `products` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `shop_id` int unsigned NOT NULL,
  `is_active` tinyint(1) NOT NULL DEFAULT 1,
  `visible` bool NOT NULL,
  `status` enum('draft','live','retired') NOT NULL,
  `size` enum('xs','s','m','l','xl') NOT NULL,
  `flag` bit(1) NOT NULL,
  `stock` tinyint NOT NULL,
  PRIMARY KEY (`id`),
  KEY `idx_active` (`is_active`),
--    ^^^^^^^^^^^^ low-selectivity-index
  KEY `idx_status` (`status`),
--    ^^^^^^^^^^^^ low-selectivity-index
  KEY `idx_size` (`size`),
  KEY `idx_stock` (`stock`),
  KEY `idx_shop_active` (`shop_id`, `is_active`)
) ENGINE=InnoDB;
CREATE INDEX `idx_visible` ON `products` (`visible`);
--           ^^^^^^^^^^^^^ low-selectivity-index
ALTER TABLE `products` ADD INDEX `idx_flag` (`flag`);
--                               ^^^^^^^^^^ low-selectivity-index
