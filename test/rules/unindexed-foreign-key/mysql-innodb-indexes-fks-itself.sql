-- schemawise: dialect=mysql
-- InnoDB creates an index for every foreign key that lacks one: nothing to report.
CREATE TABLE `customer` (`id` int NOT NULL AUTO_INCREMENT, PRIMARY KEY (`id`)) ENGINE=InnoDB;
--                            ^^^ int-primary-key
CREATE TABLE `payment` (
  `id` int NOT NULL AUTO_INCREMENT,
--     ^^^ int-primary-key
  `customer_id` int NOT NULL,
  PRIMARY KEY (`id`),
  CONSTRAINT `fk_payment_customer` FOREIGN KEY (`customer_id`) REFERENCES `customer` (`id`)
) ENGINE=InnoDB;
