-- schemawise: dialect=mysql
-- A longer VARCHAR may stay in place; adding a column is INSTANT in MySQL 8.0.29+.
ALTER TABLE `orders` MODIFY `code` varchar(40) NOT NULL;
ALTER TABLE `orders` ADD COLUMN `note` text;
-- An index is built online unless COPY is asked for.
ALTER TABLE `orders` ADD INDEX `idx_code` (`code`), ALGORITHM=INPLACE, LOCK=NONE;
