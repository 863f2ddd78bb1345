-- schemawise: dialect=mysql
CREATE TABLE `customers` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `email` varchar(255) NOT NULL,
  `account_no` varchar(20) NOT NULL,
  PRIMARY KEY (`id`),
  -- InnoDB accepts a foreign key to a non-unique index, and needs this one for it.
  KEY `customers_account_no` (`account_no`)
) ENGINE=InnoDB;
CREATE TABLE `invoices` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `customer_id` bigint unsigned NOT NULL,
  `account_no` varchar(20) NOT NULL,
  `total` decimal(12,2) NOT NULL,
  PRIMARY KEY (`id`),
  -- InnoDB needs an index that leads with the foreign key columns.
  KEY `invoices_customer_id` (`customer_id`),
  CONSTRAINT `invoices_customer_fk` FOREIGN KEY (`customer_id`) REFERENCES `customers` (`id`),
  CONSTRAINT `invoices_account_fk` FOREIGN KEY (`account_no`) REFERENCES `customers` (`account_no`)
#                                                                        ^^^^^^^^^^^^^^^^^^^^^^^^^^ foreign-key-to-non-unique
) ENGINE=InnoDB;
-- A secondary index ends with the primary key: `total` and `id` are both in it (the unfiltered read scans it instead of the table).
CREATE INDEX invoices_total ON invoices (total);
