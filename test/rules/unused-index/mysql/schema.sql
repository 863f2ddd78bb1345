-- schemawise: dialect=mysql
CREATE TABLE `customers` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `email` varchar(255) NOT NULL,
  `name` varchar(100) NOT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `customers_email` (`email`),
  KEY `customers_name` (`name`)
#     ^^^^^^^^^^^^^^^^ unused-index
) ENGINE=InnoDB;
