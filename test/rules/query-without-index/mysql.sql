-- schemawise: dialect=mysql
CREATE TABLE `customers` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `email` varchar(191) NOT NULL,
  `phone` varchar(32) DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uq_email` (`email`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

SELECT `id` FROM `customers` WHERE `phone` = ?;
--               ^^^^^^^^^^^ query-without-index
-- an UPDATE reads the rows it changes the same way
UPDATE `customers` SET `phone` = NULL WHERE `phone` = ?;
--     ^^^^^^^^^^^ query-without-index
