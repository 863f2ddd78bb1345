-- schemawise: dialect=postgresql
CREATE TABLE customers (id bigint PRIMARY KEY, email text NOT NULL, tags text[], region text, code text NOT NULL);
CREATE UNIQUE INDEX customers_code ON customers (code);
-- A method we do not model may serve `tags @> …`: never reported.
CREATE INDEX customers_tags ON customers USING gin (tags);
-- Read by max(): an index-only scan.
CREATE INDEX customers_email ON customers (email);
-- Grouped on.
CREATE INDEX customers_region ON customers (region);

CREATE TABLE orders (
  id bigint PRIMARY KEY,
  customer_id bigint NOT NULL REFERENCES customers (id),
  status text NOT NULL,
  shipped_at timestamptz,
  coupon text
);
-- Backs the foreign key (deletes on customers), though no query here uses it.
CREATE INDEX orders_customer_id ON orders (customer_id);
-- Partial, and the query says the same.
CREATE INDEX orders_unshipped ON orders (status) WHERE shipped_at IS NULL;
-- The probe side of IN (SELECT …).
CREATE INDEX orders_coupon ON orders (coupon);

-- Only two queries read `notes`: too few to judge.
CREATE TABLE notes (id bigint PRIMARY KEY, body text, author text);
CREATE INDEX notes_author ON notes (author);

-- Partial, and the query compares the predicate's column (`<>`: not proven, but likely the same condition).
CREATE TABLE tasks (id bigint PRIMARY KEY, assignee bigint, state text NOT NULL);
CREATE INDEX tasks_open_assignee ON tasks (assignee) WHERE state <> 'done';
