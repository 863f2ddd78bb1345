-- schemawise: dialect=mysql
CREATE TABLE `event_log` (
--           ^^^^^^^^^^^ missing-primary-key
  `created_at` datetime NOT NULL,
  `payload` json
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE `users` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `email` varchar(191) NOT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `users_email_unique` (`email`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
