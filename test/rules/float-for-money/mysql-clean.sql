-- schemawise: dialect=mysql
CREATE TABLE `orders` (
  `id` BIGINT NOT NULL,
  `price` DECIMAL(10,2) NOT NULL,
  `amount` INT NOT NULL,
  `discount_percent` FLOAT,
  `tax_rate` DOUBLE,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB;
