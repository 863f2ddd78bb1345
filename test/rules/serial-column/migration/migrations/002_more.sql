-- schemawise: dialect=postgresql
-- The newest migration: a table it creates gets the fix; a serial column it adds to an existing table does not.
CREATE TABLE audit_tags (id bigserial PRIMARY KEY, tag text NOT NULL);
--                          ^^^^^^^^^ serial-column
ALTER TABLE audit_log ADD COLUMN seq bigserial;
--                                   ^^^^^^^^^ serial-column
--                               ^^^ table-rewrite
