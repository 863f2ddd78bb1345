-- schemawise: dialect=mysql
CREATE TABLE `customer` (
  `id` int unsigned NOT NULL,
  `email` varchar(100) NOT NULL,
  `name` varchar(100) NOT NULL,
  PRIMARY KEY (`id`),
  KEY `customer_email` (`email`)
) ENGINE=InnoDB;

-- Accepted up to MySQL 8.3 through the plain index, refused by 8.4.
CREATE TABLE `newsletter` (
  `id` int unsigned NOT NULL,
  `customer_email` varchar(100) NOT NULL,
  `customer_name` varchar(100) NOT NULL,
  PRIMARY KEY (`id`),
  FOREIGN KEY (`customer_email`) REFERENCES `customer` (`email`),
--                                          ^^^^^^^^^^^^^^^^^^^^ foreign-key-to-non-unique
  FOREIGN KEY (`customer_name`) REFERENCES `customer` (`name`)
--                                         ^^^^^^^^^^^^^^^^^^^ foreign-key-to-non-unique
) ENGINE=InnoDB;
