-- schemawise: dialect=postgresql
-- The newest migration: the fix appends NOT VALID and a VALIDATE CONSTRAINT.
ALTER TABLE products ADD CONSTRAINT products_stock_nonnegative CHECK (stock >= 0) NO INHERIT;
--                                                             ^^^^^ check-without-not-valid
-- Unnamed: PostgreSQL names it after the columns it uses, so no fix writes a VALIDATE for it.
ALTER TABLE products ADD CHECK (length(sku) > 0);
--                       ^^^^^ check-without-not-valid
ALTER TABLE products ADD CONSTRAINT products_sku_upper CHECK (sku = upper(sku)) NOT VALID;
-- A CHECK on a new column takes no NOT VALID; without a default the column is NULL everywhere.
ALTER TABLE products ADD COLUMN weight integer CHECK (weight > 0);
-- A table created earlier in this file is empty.
CREATE TABLE coupons (id bigint PRIMARY KEY, pct integer);
ALTER TABLE coupons ADD CONSTRAINT coupons_pct_range CHECK (pct BETWEEN 0 AND 100);
