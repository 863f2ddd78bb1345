-- schemawise: dialect=mysql
CREATE TABLE `customer` (
  `id` int(10) unsigned NOT NULL,
  `code` varchar(20) NOT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `customer_code` (`code`)
) ENGINE=InnoDB;

-- Display widths carry no storage meaning; string lengths may differ; CHAR against VARCHAR is allowed.
CREATE TABLE `payment` (
  `id` int unsigned NOT NULL,
  `customer_id` int(11) unsigned NOT NULL,
  `customer_code` char(40) NOT NULL,
  PRIMARY KEY (`id`),
  CONSTRAINT `fk_payment_customer` FOREIGN KEY (`customer_id`) REFERENCES `customer` (`id`),
  CONSTRAINT `fk_payment_code` FOREIGN KEY (`customer_code`) REFERENCES `customer` (`code`)
) ENGINE=InnoDB;

-- MyISAM parses the foreign key and ignores it.
CREATE TABLE `archived_payment` (
  `id` int unsigned NOT NULL,
  `customer_id` bigint NOT NULL,
  PRIMARY KEY (`id`),
  FOREIGN KEY (`customer_id`) REFERENCES `customer` (`id`)
) ENGINE=MyISAM;
