-- schemawise: dialect=mysql
-- MySQL's SERIAL is BIGINT UNSIGNED NOT NULL AUTO_INCREMENT UNIQUE: there is no identity column to prefer.
CREATE TABLE `audit_log` (`id` SERIAL PRIMARY KEY) ENGINE=InnoDB;
