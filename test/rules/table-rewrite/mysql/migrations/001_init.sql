-- schemawise: dialect=mysql
CREATE TABLE `orders` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `quantity` int NOT NULL,
  `code` varchar(20) NOT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE `legacy` (`a` int NOT NULL, `b` varchar(10) NOT NULL) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
