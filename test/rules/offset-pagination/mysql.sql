-- schemawise: dialect=mysql
CREATE TABLE `events` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `account_id` bigint unsigned NOT NULL,
  `created_at` datetime NOT NULL,
  PRIMARY KEY (`id`),
  KEY `idx_account_created` (`account_id`, `created_at`)
) ENGINE=InnoDB;

SELECT id FROM events WHERE account_id = ? ORDER BY created_at DESC LIMIT ?, 25;
--                                                                        ^ offset-pagination
SELECT id FROM events ORDER BY id LIMIT 25 OFFSET 100000;
--                                                ^^^^^^ offset-pagination

-- Not reported: a small offset.
SELECT id FROM events ORDER BY id LIMIT 100, 25;
