-- schemawise: dialect=mysql
-- DATETIME holds 1000-9999; TIMESTAMP for the moment a row was written (now, not the future) is fine.
CREATE TABLE `subscriptions` (
  `id` BIGINT NOT NULL,
  `expires_at` DATETIME NOT NULL,
  `valid_until` DATETIME(3) NULL,
  `birth_date` DATE NULL,
  `created_at` TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  `updated_at` TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  `expired_at` TIMESTAMP NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB;
