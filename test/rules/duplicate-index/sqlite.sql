-- schemawise: dialect=sqlite
CREATE TABLE invoice (
  id INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL,
  billed_at TEXT NOT NULL
);
CREATE INDEX invoice_customer ON invoice (customer_id);
CREATE INDEX IF NOT EXISTS invoice_customer_again ON invoice (customer_id);
--                         ^^^^^^^^^^^^^^^^^^^^^^ duplicate-index
CREATE INDEX invoice_billed ON invoice (billed_at);
