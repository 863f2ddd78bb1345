-- schemawise: dialect=mysql
CREATE TABLE `customer` (
  `id` int unsigned NOT NULL,
  `legacy_no` bigint NOT NULL,
  `code` varchar(20) NOT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `customer_legacy_no` (`legacy_no`),
  UNIQUE KEY `customer_code` (`code`)
) ENGINE=InnoDB;

-- Signedness differs: InnoDB refuses the key.
CREATE TABLE `payment` (
  `id` int unsigned NOT NULL,
  `customer_id` int NOT NULL,
--              ^^^ foreign-key-type-mismatch
  PRIMARY KEY (`id`),
  CONSTRAINT `fk_payment_customer` FOREIGN KEY (`customer_id`) REFERENCES `customer` (`id`)
) ENGINE=InnoDB;

-- Size differs (INT against BIGINT), and an integer against a string.
CREATE TABLE `invoice` (
  `id` int unsigned NOT NULL,
  `customer_legacy_no` int NOT NULL,
--                     ^^^ foreign-key-type-mismatch
  `customer_code` int NOT NULL,
--                ^^^ foreign-key-type-mismatch
  PRIMARY KEY (`id`),
  KEY `invoice_legacy` (`customer_legacy_no`),
  KEY `invoice_code` (`customer_code`),
  FOREIGN KEY (`customer_legacy_no`) REFERENCES `customer` (`legacy_no`),
  FOREIGN KEY (`customer_code`) REFERENCES `customer` (`code`)
) ENGINE=InnoDB;

-- DECIMAL of another precision.
CREATE TABLE `rate` (`amount` decimal(10,2) NOT NULL, PRIMARY KEY (`amount`)) ENGINE=InnoDB;
CREATE TABLE `fee` (
  `id` int unsigned NOT NULL,
  `amount` decimal(12,2) NOT NULL,
--         ^^^^^^^^^^^^^ foreign-key-type-mismatch
  PRIMARY KEY (`id`),
  FOREIGN KEY (`amount`) REFERENCES `rate` (`amount`)
) ENGINE=InnoDB;
