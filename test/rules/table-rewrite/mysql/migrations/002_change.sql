-- schemawise: dialect=mysql
ALTER TABLE `orders` MODIFY `quantity` bigint NOT NULL;
--                          ^^^^^^^^^^ table-rewrite
ALTER TABLE `legacy` ADD PRIMARY KEY (`a`);
--                       ^^^^^^^^^^^^^^^^^ table-rewrite
ALTER TABLE `orders` CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci;
--                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ table-rewrite
  ALTER TABLE `legacy` ADD INDEX `idx_b` (`b`), ALGORITHM=COPY;
--^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ table-rewrite
