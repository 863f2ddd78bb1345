-- schemawise: dialect=mysql
CREATE TABLE `posts` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `slug` varchar(191) NOT NULL,
  `body` text NOT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uq_slug` (`slug`),
  FULLTEXT KEY `ft_body` (`body`)
) ENGINE=InnoDB;

SELECT id FROM posts WHERE slug LIKE 'release-%';
SELECT id FROM posts WHERE MATCH (body) AGAINST (? IN BOOLEAN MODE);
