-- schemawise: dialect=postgresql
-- SET lock_timeout = '5s'; (commented out)
SET lock_timeout = 0;
ALTER TABLE orders ADD COLUMN remark text;
--          ^^^^^^ missing-lock-timeout
