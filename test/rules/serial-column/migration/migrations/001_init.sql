-- schemawise: dialect=postgresql
-- Applied: no fix (the sequence already exists wherever this ran).
CREATE TABLE audit_log (id bigserial PRIMARY KEY, note text);
--                         ^^^^^^^^^ serial-column
