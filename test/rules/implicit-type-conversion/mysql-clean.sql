-- schemawise: dialect=mysql
CREATE TABLE `accounts` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `iban` varchar(34) NOT NULL,
  `branch_id` int unsigned NOT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uq_iban` (`iban`),
  KEY `idx_branch` (`branch_id`)
) ENGINE=InnoDB;
CREATE TABLE `branches` (
  `id` int unsigned NOT NULL,
  `name` varchar(100) NOT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB;

SELECT a.id FROM accounts a JOIN branches b ON b.id = a.branch_id WHERE a.iban = ?;
SELECT id FROM accounts WHERE branch_id = 12;
