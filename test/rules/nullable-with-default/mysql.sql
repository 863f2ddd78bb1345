-- schemawise: dialect=mysql
CREATE TABLE `listings` (
  `id` bigint NOT NULL AUTO_INCREMENT,
  `open` tinyint(1) DEFAULT '1',
# ^^^^^^ nullable-with-default
  `comments_count` int DEFAULT '0',
# ^^^^^^^^^^^^^^^^ nullable-with-default
  `created_at` datetime DEFAULT CURRENT_TIMESTAMP,
# ^^^^^^^^^^^^ nullable-with-default
  `updated_at` timestamp NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
# ^^^^^^^^^^^^ nullable-with-default
  PRIMARY KEY (`id`)
) ENGINE=InnoDB;
