-- schemawise: dialect=postgresql
CREATE TABLE customers (
  id bigint PRIMARY KEY,
  tenant_id bigint NOT NULL,
  email text NOT NULL,
  UNIQUE (email)
);
CREATE UNIQUE INDEX customers_tenant_id_id_key ON customers (id, tenant_id);

-- The primary key (implicitly or by name), a unique constraint, a unique index in another column order.
CREATE TABLE invoices (
  id bigint PRIMARY KEY,
  tenant_id bigint NOT NULL,
  customer_id bigint NOT NULL REFERENCES customers,
  customer_email text NOT NULL REFERENCES customers (email),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id)
);
CREATE INDEX invoices_customer_id_idx ON invoices (customer_id);
CREATE INDEX invoices_customer_email_idx ON invoices (customer_email);
CREATE INDEX invoices_tenant_customer_idx ON invoices (tenant_id, customer_id);

-- Not in the model: nothing to check.
CREATE TABLE audit (id bigint PRIMARY KEY, actor_name text REFERENCES actors (name));
CREATE INDEX audit_actor_name_idx ON audit (actor_name);
