-- schemawise: dialect=mysql
CREATE TABLE `address` (
  `address_id` int NOT NULL AUTO_INCREMENT,
--             ^^^ int-primary-key
  `city_id` int NOT NULL,
  `postal_code` varchar(10),
  PRIMARY KEY (`address_id`),
  KEY `idx_city` (`city_id`),
  KEY `idx_postal_prefix` (`postal_code`(5)),
  KEY `idx_postal` (`postal_code`)
) ENGINE=InnoDB;
