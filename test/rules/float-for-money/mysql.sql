-- schemawise: dialect=mysql
CREATE TABLE `orders` (
  `id` BIGINT NOT NULL,
  `price` FLOAT(10,2) UNSIGNED NOT NULL,
--        ^^^^^^^^^^^^^^^^^^^^ float-for-money
  `order_total` DOUBLE,
--              ^^^^^^ float-for-money
  `balance` real,
--          ^^^^ float-for-money
  PRIMARY KEY (`id`)
) ENGINE=InnoDB;
