-- schemawise: dialect=postgresql
-- The newest migration: fixable.
ALTER TABLE audit ADD COLUMN extra json;
--                                 ^^^^ json-column
