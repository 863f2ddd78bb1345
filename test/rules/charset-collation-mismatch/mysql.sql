-- schemawise: dialect=mysql
CREATE TABLE `country` (
  `code` char(2) NOT NULL,
  PRIMARY KEY (`code`)
) ENGINE=InnoDB DEFAULT CHARSET=latin1;

-- The table default (utf8mb4) differs from the referenced column's (latin1): InnoDB refuses the key.
CREATE TABLE `address` (
  `id` int unsigned NOT NULL,
  `country_code` char(2) NOT NULL,
# ^^^^^^^^^^^^^^ charset-collation-mismatch
  PRIMARY KEY (`id`),
  CONSTRAINT `fk_address_country` FOREIGN KEY (`country_code`) REFERENCES `country` (`code`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Same character set, two written collations.
CREATE TABLE `tag` (
  `name` varchar(50) COLLATE utf8mb4_bin NOT NULL,
  PRIMARY KEY (`name`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE `post_tag` (
  `post_id` int unsigned NOT NULL,
  `tag_name` varchar(50) COLLATE utf8mb4_unicode_ci NOT NULL,
# ^^^^^^^^^^ charset-collation-mismatch
  PRIMARY KEY (`post_id`, `tag_name`),
  FOREIGN KEY (`tag_name`) REFERENCES `tag` (`name`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- A binary collation is no server's default for utf8mb4.
CREATE TABLE `tag_alias` (
  `alias` varchar(50) NOT NULL,
  `tag_name` varchar(50) CHARACTER SET utf8mb4 NOT NULL,
# ^^^^^^^^^^ charset-collation-mismatch
  PRIMARY KEY (`alias`),
  KEY `tag_alias_tag_name` (`tag_name`),
  FOREIGN KEY (`tag_name`) REFERENCES `tag` (`name`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- A new table default (not CONVERT TO) converts no existing column: `label`.`code` stays latin1.
CREATE TABLE `label` (`code` char(3) NOT NULL, PRIMARY KEY (`code`)) ENGINE=InnoDB DEFAULT CHARSET=latin1;
ALTER TABLE `label` DEFAULT CHARSET=utf8mb4;
CREATE TABLE `item` (
  `id` int unsigned NOT NULL,
  `label_code` char(3) NOT NULL,
# ^^^^^^^^^^^^ charset-collation-mismatch
  PRIMARY KEY (`id`),
  FOREIGN KEY (`label_code`) REFERENCES `label` (`code`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
