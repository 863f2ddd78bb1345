-- schemawise: dialect=mysql
CREATE TABLE `users` (`id` bigint unsigned NOT NULL AUTO_INCREMENT, PRIMARY KEY (`id`)) ENGINE=InnoDB;
SELECT * FROM users WHERE id = ?;
