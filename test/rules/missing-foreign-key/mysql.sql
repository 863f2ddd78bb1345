-- schemawise: dialect=mysql
CREATE TABLE `country` (`country_id` bigint unsigned NOT NULL AUTO_INCREMENT, PRIMARY KEY (`country_id`)) ENGINE=InnoDB;
CREATE TABLE `city` (
  `city_id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `country_id` bigint unsigned NOT NULL,
  PRIMARY KEY (`city_id`),
  CONSTRAINT `fk_city_country` FOREIGN KEY (`country_id`) REFERENCES `country` (`country_id`)
) ENGINE=InnoDB;
CREATE TABLE `address` (
  `address_id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `city_id` bigint unsigned NOT NULL,
# ^^^^^^^^^ missing-foreign-key
  PRIMARY KEY (`address_id`),
  KEY `idx_fk_city_id` (`city_id`)
) ENGINE=InnoDB;
