-- schemawise: dialect=postgresql
CREATE TABLE customers (id bigint PRIMARY KEY);
CREATE TABLE categories (id integer PRIMARY KEY);
CREATE TABLE people (id uuid PRIMARY KEY);

CREATE TABLE orders (
  id bigint PRIMARY KEY,
  customer_id bigint NOT NULL REFERENCES customers (id),
  category_id integer NOT NULL,
--^^^^^^^^^^^ missing-foreign-key
  "personId" uuid,
--^^^^^^^^^^ missing-foreign-key
  legacy_customer_id bigint,
  supplier_id bigint
);
CREATE INDEX orders_customer_id_idx ON orders (customer_id);
-- Indexed: the fix declares the key alone (an unindexed key is unindexed-foreign-key's, with its own fix).
CREATE INDEX orders_category_id_idx ON orders (category_id);
CREATE INDEX orders_person_id_idx ON orders ("personId");

-- Declared references: the database uses foreign keys, so the two above stand out.
CREATE TABLE invoices (
  id bigint PRIMARY KEY,
  order_id bigint NOT NULL REFERENCES orders (id),
  customer_id bigint NOT NULL REFERENCES customers (id),
  category_id integer REFERENCES categories (id),
  person_id uuid REFERENCES people (id)
);
CREATE INDEX invoices_order_id_idx ON invoices (order_id);
CREATE INDEX invoices_customer_id_idx ON invoices (customer_id);
CREATE INDEX invoices_category_id_idx ON invoices (category_id);
CREATE INDEX invoices_person_id_idx ON invoices (person_id);

-- A join table: each half of its key is a reference of its own.
CREATE TABLE category_people (
  category_id integer NOT NULL REFERENCES categories (id),
  person_id uuid NOT NULL,
--^^^^^^^^^ missing-foreign-key
  PRIMARY KEY (category_id, person_id)
);
CREATE INDEX category_people_person_idx ON category_people (person_id);

-- Not references: the type cannot hold the key; the table's own key; an audit trail that outlives its rows.
CREATE TABLE imports (id bigint PRIMARY KEY, category_id text, customer_id numeric);
CREATE TABLE customer_profiles (customer_id bigint PRIMARY KEY, bio text);
CREATE TABLE order_audit_log (id bigint PRIMARY KEY, order_id bigint NOT NULL, customer_id bigint);
