-- schemawise: dialect=postgresql
CREATE TABLE customers (
  id bigint PRIMARY KEY,
  tenant_id bigint NOT NULL,
  email text NOT NULL,
  deleted_at timestamptz
);
CREATE INDEX customers_email_idx ON customers (email);
CREATE UNIQUE INDEX customers_live_email_idx ON customers (tenant_id, email) WHERE deleted_at IS NULL;

-- Only a plain index on email: PostgreSQL refuses the key.
CREATE TABLE newsletters (
  id bigint PRIMARY KEY,
  customer_email text NOT NULL REFERENCES customers (email)
--                                        ^^^^^^^^^^^^^^^^^ foreign-key-to-non-unique
);
CREATE INDEX newsletters_customer_email_idx ON newsletters (customer_email);

-- A partial unique index does not count; (id, tenant_id) is a superset of the key, not a unique key.
CREATE TABLE invoices (
  id bigint PRIMARY KEY,
  tenant_id bigint NOT NULL,
  customer_id bigint NOT NULL,
  customer_email text NOT NULL,
  FOREIGN KEY (tenant_id, customer_email) REFERENCES customers (tenant_id, email),
--                                                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ foreign-key-to-non-unique
  FOREIGN KEY (customer_id, tenant_id) REFERENCES customers (id, tenant_id)
--                                                ^^^^^^^^^^^^^^^^^^^^^^^^^ foreign-key-to-non-unique
);
CREATE INDEX invoices_tenant_email_idx ON invoices (tenant_id, customer_email);
CREATE INDEX invoices_customer_tenant_idx ON invoices (customer_id, tenant_id);
