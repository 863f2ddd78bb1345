-- schemawise: dialect=mysql
CREATE TABLE `country` (
  `code` char(2) NOT NULL,
  `name` varchar(64) NOT NULL,
  PRIMARY KEY (`code`)
) ENGINE=InnoDB;
