-- schemawise: dialect=mysql
CREATE TABLE `payment` (
  `payment_id` int NOT NULL AUTO_INCREMENT,
--             ^^^ int-primary-key
  `customer_id` int NOT NULL,
  `payment_date` datetime NOT NULL,
  PRIMARY KEY (`payment_id`),
  KEY `idx_customer_date` (`customer_id`, `payment_date`),
  KEY `idx_date` (`payment_date`),
  KEY `idx_customer_prefix` (`customer_id`, `payment_date`(4))
) ENGINE=InnoDB;
