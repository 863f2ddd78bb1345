-- schemawise: dialect=mysql
CREATE TABLE `products` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `sku` varchar(32) NOT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uq_sku` (`sku`)
) ENGINE=InnoDB;

SELECT * FROM products WHERE sku = ?;
--     ^ select-star
CREATE VIEW product_list AS SELECT * FROM products;
--                                 ^ select-star

-- Not reported: a column list.
SELECT id, sku FROM products WHERE sku = ?;
