-- schemawise: dialect=mysql
-- MySQL has no timestamp-without-time-zone question (DATETIME vs TIMESTAMP is timestamp-2038's concern).
CREATE TABLE `events` (`id` BIGINT PRIMARY KEY, `created_at` DATETIME NOT NULL, `updated_at` TIMESTAMP NULL);
