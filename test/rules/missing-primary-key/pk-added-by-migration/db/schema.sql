-- schemawise: dialect=postgresql
-- The declaration has no key, but a later migration adds one: the current schema is fine.
CREATE TABLE invoices (
  id bigint NOT NULL,
  total numeric(12, 2) NOT NULL
);
