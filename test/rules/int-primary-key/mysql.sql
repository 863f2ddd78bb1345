-- schemawise: dialect=mysql
CREATE TABLE `customer` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
--     ^^^^^^^ int-primary-key
  PRIMARY KEY (`id`)
) ENGINE=InnoDB;

CREATE TABLE `inventory` (
  `inventory_id` MEDIUMINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY
--               ^^^^^^^^^^^^^^^^^^ int-primary-key
) ENGINE=InnoDB;

# phpMyAdmin dump style: the counter arrives in a later MODIFY.
CREATE TABLE `film` (`film_id` INT UNSIGNED NOT NULL) ENGINE=InnoDB;
ALTER TABLE `film` ADD PRIMARY KEY (`film_id`);
ALTER TABLE `film` MODIFY `film_id` INT UNSIGNED NOT NULL AUTO_INCREMENT;
#                                   ^^^^^^^^^^^^ int-primary-key
