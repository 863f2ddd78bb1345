-- schemawise: dialect=postgresql
CREATE TABLE customers (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email text NOT NULL UNIQUE
);

-- A narrower integer cannot hold the keys once customers.id passes 2^31.
CREATE TABLE orders (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer_id integer NOT NULL REFERENCES customers (id)
--            ^^^^^^^ foreign-key-type-mismatch
);
CREATE INDEX orders_customer_id_idx ON orders (customer_id);

-- Table-level foreign key: same finding, on the column's type.
CREATE TABLE invoices (
  id bigint PRIMARY KEY,
  customer_id smallint NOT NULL,
--            ^^^^^^^^ foreign-key-type-mismatch
  CONSTRAINT invoices_customer_fk FOREIGN KEY (customer_id) REFERENCES customers
);
CREATE INDEX invoices_customer_id_idx ON invoices (customer_id);

-- No equality operator between integer and text: PostgreSQL refuses the key.
CREATE TABLE contacts (
  id bigint PRIMARY KEY,
  customer_email integer NOT NULL REFERENCES customers (email)
--               ^^^^^^^ foreign-key-type-mismatch
);
CREATE INDEX contacts_customer_email_idx ON contacts (customer_email);
