-- schemawise: dialect=postgresql
-- Step 1: checks added NOT VALID (no scan).
ALTER TABLE users ADD CONSTRAINT users_name_not_null CHECK (name IS NOT NULL) NOT VALID;
ALTER TABLE users ADD CONSTRAINT users_phone_checked CHECK ((phone IS NOT NULL) AND (length(phone) > 3)) NOT VALID;
ALTER TABLE users ADD CONSTRAINT users_tenant_not_null CHECK (tenant IS NOT NULL) NOT VALID;
ALTER TABLE users ADD CONSTRAINT users_region_not_null CHECK ("Region" IS NOT NULL) NOT VALID;
ALTER TABLE users ADD CONSTRAINT users_city_not_null CHECK (city IS NOT NULL) NOT VALID;
