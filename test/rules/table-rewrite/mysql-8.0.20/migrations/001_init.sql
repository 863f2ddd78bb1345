-- schemawise: dialect=mysql
CREATE TABLE `orders` (`id` bigint unsigned NOT NULL AUTO_INCREMENT, `code` varchar(20) NOT NULL, PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
