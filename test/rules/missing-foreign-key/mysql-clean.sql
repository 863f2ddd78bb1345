-- schemawise: dialect=mysql
CREATE TABLE `country` (`country_id` bigint unsigned NOT NULL AUTO_INCREMENT, PRIMARY KEY (`country_id`)) ENGINE=InnoDB;
CREATE TABLE `city` (
  `city_id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `country_id` bigint unsigned NOT NULL,
  PRIMARY KEY (`city_id`),
  CONSTRAINT `fk_city_country` FOREIGN KEY (`country_id`) REFERENCES `country` (`country_id`)
) ENGINE=InnoDB;
-- MyISAM parses foreign keys and ignores them: nothing to declare.
CREATE TABLE `address` (
  `address_id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `city_id` bigint unsigned NOT NULL,
  PRIMARY KEY (`address_id`)
) ENGINE=MyISAM;
