-- schemawise: dialect=postgresql
-- A column the newest migration adds to an existing table: the key follows its statement, NOT VALID then VALIDATE.
ALTER TABLE orders ADD COLUMN person_id uuid;
--                            ^^^^^^^^^ missing-foreign-key
CREATE INDEX CONCURRENTLY orders_person_id_idx ON orders (person_id);

-- A table the newest migration creates: it is empty, a plain ADD CONSTRAINT follows it.
CREATE TABLE shipments (
  id bigint PRIMARY KEY,
  order_id bigint NOT NULL,
--^^^^^^^^ missing-foreign-key
  customer_id bigint NOT NULL REFERENCES customers (id)
);
CREATE INDEX shipments_order_id_idx ON shipments (order_id);
CREATE INDEX shipments_customer_id_idx ON shipments (customer_id);
