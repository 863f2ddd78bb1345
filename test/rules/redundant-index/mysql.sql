-- schemawise: dialect=mysql
CREATE TABLE `rental` (
  `rental_id` int NOT NULL AUTO_INCREMENT,
--            ^^^ int-primary-key
  `inventory_id` int NOT NULL,
  `customer_id` int NOT NULL,
  `rental_date` datetime NOT NULL,
  PRIMARY KEY (`rental_id`),
  UNIQUE KEY `rental_date` (`rental_date`, `inventory_id`, `customer_id`),
  KEY `idx_rental_date` (`rental_date`),
--    ^^^^^^^^^^^^^^^^^ redundant-index
  KEY `idx_fk_inventory_id` (`inventory_id`),
  KEY `idx_fk_customer_id` (`customer_id`)
) ENGINE=InnoDB;
