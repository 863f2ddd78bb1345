-- schemawise: dialect=mysql
-- One nullable foreign key per parent and a CHECK that exactly one is set: the alternative the help suggests.
CREATE TABLE `posts` (`id` bigint NOT NULL AUTO_INCREMENT, PRIMARY KEY (`id`)) ENGINE=InnoDB;
CREATE TABLE `photos` (`id` bigint NOT NULL AUTO_INCREMENT, PRIMARY KEY (`id`)) ENGINE=InnoDB;
CREATE TABLE `comments` (
  `id` bigint NOT NULL AUTO_INCREMENT,
  `post_id` bigint DEFAULT NULL,
  `photo_id` bigint DEFAULT NULL,
  PRIMARY KEY (`id`),
  CONSTRAINT `fk_comments_post` FOREIGN KEY (`post_id`) REFERENCES `posts` (`id`),
  CONSTRAINT `fk_comments_photo` FOREIGN KEY (`photo_id`) REFERENCES `photos` (`id`),
  CONSTRAINT `comments_one_parent` CHECK ((`post_id` IS NULL) <> (`photo_id` IS NULL))
) ENGINE=InnoDB;
