-- schemawise: dialect=mysql
CREATE TABLE `subscriptions` (
  `id` BIGINT NOT NULL,
  `expires_at` TIMESTAMP NOT NULL,
--             ^^^^^^^^^ timestamp-2038
  `valid_until` timestamp(3) NULL DEFAULT NULL,
--              ^^^^^^^^^^^^ timestamp-2038
  `renewalDueAt` TIMESTAMP NULL,
--               ^^^^^^^^^ timestamp-2038
  `valid_to` TIMESTAMP NULL,
--           ^^^^^^^^^ timestamp-2038
  `created_at` TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB;

CREATE TABLE `people` (
  `id` BIGINT NOT NULL,
  `date_of_birth` TIMESTAMP NULL,
--                ^^^^^^^^^ timestamp-2038
  PRIMARY KEY (`id`)
) ENGINE=InnoDB;
