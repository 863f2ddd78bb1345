-- schemawise: dialect=mysql
CREATE TABLE `Customer` (
  `id` bigint NOT NULL AUTO_INCREMENT,
  `email` varchar(190) NOT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `email_unique` (`email`)
--           ^^^^^^^^^^^^^^ naming-convention
);
CREATE TABLE `Orders` (
--           ^^^^^^^^ naming-convention
  `id` bigint NOT NULL AUTO_INCREMENT,
  `CustomerId` bigint NOT NULL,
  PRIMARY KEY (`id`),
  KEY `by_customer` (`CustomerId`),
--    ^^^^^^^^^^^^^ naming-convention
  CONSTRAINT `fk_Orders_CustomerId` FOREIGN KEY (`CustomerId`) REFERENCES `Customer` (`id`)
);
CREATE TABLE `order_item` (
--           ^^^^^^^^^^^^ naming-convention
  `id` bigint NOT NULL AUTO_INCREMENT,
  PRIMARY KEY (`id`)
);
