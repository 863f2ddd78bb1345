-- schemawise: dialect=mysql
CREATE TABLE `users` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `email` varchar(255) NOT NULL,
  `created_at` datetime NOT NULL,
  PRIMARY KEY (`id`),
  KEY `idx_lower_email` ((lower(`email`))),
  KEY `idx_created` (`created_at`)
) ENGINE=InnoDB;

SELECT id FROM users WHERE LOWER(email) = ?;
SELECT id FROM users WHERE created_at >= ? AND created_at < ? + INTERVAL 1 DAY;
