-- schemawise: dialect=mysql
-- Appended last: INSTANT since 8.0.12.
ALTER TABLE `orders` ADD COLUMN `note` text;
-- Not last: INSTANT only from 8.0.29; before, the table is rebuilt.
ALTER TABLE `orders` ADD COLUMN `status` varchar(16) NOT NULL DEFAULT 'new' AFTER `code`;
--                              ^^^^^^^^ table-rewrite
