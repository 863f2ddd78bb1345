-- schemawise: dialect=mysql
CREATE TABLE `users` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `tenant_id` bigint unsigned NOT NULL,
  `is_admin` tinyint(1) NOT NULL DEFAULT 0,
  `level` tinyint(3) unsigned NOT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uq_admin_tenant` (`is_admin`, `tenant_id`),
  KEY `idx_tenant_admin` (`tenant_id`, `is_admin`),
  KEY `idx_level` (`level`)
) ENGINE=InnoDB;
