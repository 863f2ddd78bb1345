-- schemawise: dialect=mysql
CREATE TABLE `customer` (
  `id` int unsigned NOT NULL,
  `email` varchar(100) NOT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `customer_email` (`email`)
) ENGINE=InnoDB;

CREATE TABLE `newsletter` (
  `id` int unsigned NOT NULL,
  `customer_id` int unsigned NOT NULL,
  `customer_email` varchar(100) NOT NULL,
  PRIMARY KEY (`id`),
  FOREIGN KEY (`customer_id`) REFERENCES `customer` (`id`),
  FOREIGN KEY (`customer_email`) REFERENCES `customer` (`email`)
) ENGINE=InnoDB;
