-- schemawise: dialect=mysql
CREATE DATABASE shop DEFAULT CHARACTER SET latin1;
CREATE TABLE `country` (
  `code` char(2) NOT NULL,
  `name` varchar(50) NOT NULL,
  PRIMARY KEY (`code`),
  UNIQUE KEY `country_name` (`name`)
) ENGINE=InnoDB;

-- The character set written on the column is the database default.
CREATE TABLE `address` (
  `id` int unsigned NOT NULL,
  `country_code` char(2) CHARACTER SET latin1 NOT NULL,
  `country_name` varchar(50) NOT NULL,
  PRIMARY KEY (`id`),
  CONSTRAINT `fk_address_country` FOREIGN KEY (`country_code`) REFERENCES `country` (`code`),
  CONSTRAINT `fk_address_country_name` FOREIGN KEY (`country_name`) REFERENCES `country` (`name`)
) ENGINE=InnoDB DEFAULT CHARSET=latin1;

-- An explicit general_ci against the charset's default: the default is general_ci on MySQL 5.7 and MariaDB, so
-- whether they differ depends on the server: not reported.
CREATE TABLE `region` (`code` varchar(10) CHARACTER SET utf8mb4 NOT NULL, PRIMARY KEY (`code`)) ENGINE=InnoDB;
CREATE TABLE `store` (
  `id` int unsigned NOT NULL,
  `region_code` varchar(10) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci NOT NULL,
  PRIMARY KEY (`id`),
  FOREIGN KEY (`region_code`) REFERENCES `region` (`code`)
) ENGINE=InnoDB;

-- MyISAM ignores foreign keys.
CREATE TABLE `legacy_address` (
  `id` int unsigned NOT NULL,
  `country_code` char(2) CHARACTER SET utf8mb4 NOT NULL,
  PRIMARY KEY (`id`),
  FOREIGN KEY (`country_code`) REFERENCES `country` (`code`)
) ENGINE=MyISAM;

-- CONVERT TO CHARACTER SET converts every string column, even one with its own character set: `currency`.`code`
-- is utf8mb4 afterwards, like `price`.`currency_code`.
CREATE TABLE `currency` (`code` char(3) CHARACTER SET latin1 NOT NULL, PRIMARY KEY (`code`)) ENGINE=InnoDB;
CREATE TABLE `price` (
  `id` int unsigned NOT NULL,
  `currency_code` char(3) NOT NULL,
  PRIMARY KEY (`id`),
  FOREIGN KEY (`currency_code`) REFERENCES `currency` (`code`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
ALTER TABLE `currency` CONVERT TO CHARACTER SET utf8mb4;
