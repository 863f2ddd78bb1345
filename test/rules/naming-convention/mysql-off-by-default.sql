-- schemawise: dialect=mysql
-- Without configuration the rule is off.
CREATE TABLE `UserSessions` (`id` bigint NOT NULL AUTO_INCREMENT, PRIMARY KEY (`id`)) ENGINE=InnoDB;
