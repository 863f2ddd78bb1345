-- schemawise: dialect=postgresql
CREATE TABLE regions (id integer PRIMARY KEY);
CREATE TABLE customers (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email varchar(200) NOT NULL UNIQUE
);

-- int4 is integer; a wider column holds every key; varchar against text compares as text.
CREATE TABLE orders (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  region_id int4 NOT NULL REFERENCES regions (id),
  backup_region_id bigint REFERENCES regions (id),
  customer_email text REFERENCES customers (email)
);
CREATE INDEX orders_region_id_idx ON orders (region_id);
CREATE INDEX orders_backup_region_id_idx ON orders (backup_region_id);
CREATE INDEX orders_customer_email_idx ON orders (customer_email);
