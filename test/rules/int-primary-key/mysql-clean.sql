-- schemawise: dialect=mysql
CREATE TABLE `customer` (
  `id` BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB;
CREATE TABLE `country` (`code` INT NOT NULL PRIMARY KEY, `name` VARCHAR(100) NOT NULL) ENGINE=InnoDB;
CREATE TABLE `audit` (`id` SERIAL PRIMARY KEY) ENGINE=InnoDB;
-- A TINYINT counter is a lookup table sized on purpose.
CREATE TABLE `language` (`language_id` TINYINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, `name` CHAR(20) NOT NULL) ENGINE=InnoDB;
