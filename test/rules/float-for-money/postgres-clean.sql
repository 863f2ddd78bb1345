-- schemawise: dialect=postgresql
-- Exact decimals, integer minor units, and floats that measure something other than money.
CREATE TABLE invoices (
  id bigint PRIMARY KEY,
  total numeric(12,2) NOT NULL,
  amount_cents bigint NOT NULL,
  tax_rate double precision NOT NULL,
  discount_percent real,
  total_count double precision,
  total_memory real,
  weight double precision
);
