-- schemawise: dialect=mysql
CREATE TABLE `film` (
  `film_id` int unsigned NOT NULL AUTO_INCREMENT,
--          ^^^^^^^^^^^^ int-primary-key
  `title` varchar(128) NOT NULL,
  `language_id` int unsigned NOT NULL,
  PRIMARY KEY (`film_id`),
  KEY `idx_title` (`title`),
  KEY `idx_title_2` (`title`),
--    ^^^^^^^^^^^^^ duplicate-index
  KEY `idx_language` (`language_id`),
  FULLTEXT KEY `ft_title` (`title`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX `idx_film_pk` ON `film` (`film_id`);
--           ^^^^^^^^^^^^^ duplicate-index
-- A prefix index is not the same key.
CREATE INDEX `idx_title_prefix` ON `film` (`title`(20));
