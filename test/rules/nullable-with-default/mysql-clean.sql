-- schemawise: dialect=mysql
CREATE TABLE `listings` (
  `id` bigint NOT NULL AUTO_INCREMENT,
  `open` tinyint(1) NOT NULL DEFAULT '1',
  `title` varchar(255) DEFAULT NULL,
  -- Without an explicit NULL, a TIMESTAMP is NOT NULL on servers with explicit_defaults_for_timestamp=OFF.
  `created_at` timestamp DEFAULT CURRENT_TIMESTAMP,
  `priority` int DEFAULT '5',
  PRIMARY KEY (`id`)
) ENGINE=InnoDB;
