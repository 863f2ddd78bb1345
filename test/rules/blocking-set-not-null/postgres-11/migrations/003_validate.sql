-- schemawise: dialect=postgresql
-- Step 2: validated (users_tenant_not_null is not).
ALTER TABLE users VALIDATE CONSTRAINT users_name_not_null;
ALTER TABLE users VALIDATE CONSTRAINT users_phone_checked;
ALTER TABLE users VALIDATE CONSTRAINT users_region_not_null;
ALTER TABLE users VALIDATE CONSTRAINT users_city_not_null;
ALTER TABLE users DROP CONSTRAINT users_city_not_null;
