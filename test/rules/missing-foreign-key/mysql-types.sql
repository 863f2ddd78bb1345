-- schemawise: dialect=mysql
CREATE TABLE country (country_id bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY) ENGINE=InnoDB;
CREATE TABLE city (
  city_id bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  country_id bigint unsigned NOT NULL,
  CONSTRAINT fk_city_country FOREIGN KEY (country_id) REFERENCES country (country_id)
) ENGINE=InnoDB;
CREATE TABLE store (
  store_id bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  city_id bigint unsigned NOT NULL,
  CONSTRAINT fk_store_city FOREIGN KEY (city_id) REFERENCES city (city_id)
) ENGINE=InnoDB;
CREATE TABLE manager (
  manager_id bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  store_id bigint unsigned NOT NULL,
  CONSTRAINT fk_staff_store_id FOREIGN KEY (store_id) REFERENCES store (store_id)
) ENGINE=InnoDB;
-- A signed int cannot reference a bigint unsigned key (InnoDB refuses it): reported, no fix until the types match.
CREATE TABLE address (
  address_id bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  city_id int NOT NULL,
# ^^^^^^^ missing-foreign-key
  KEY idx_address_city (city_id)
) ENGINE=InnoDB;
-- `fk_staff_store_id` is taken (foreign key names are unique per database): the fix names it `fk_staff_store_id1`.
CREATE TABLE staff (
  staff_id bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  store_id bigint unsigned NOT NULL,
# ^^^^^^^^ missing-foreign-key
  KEY idx_staff_store (store_id)
) ENGINE=InnoDB;
