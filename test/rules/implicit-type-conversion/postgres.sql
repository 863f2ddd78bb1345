-- schemawise: dialect=postgresql
CREATE TABLE invoices (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  number integer NOT NULL,
  amount numeric(12,2) NOT NULL
);
CREATE UNIQUE INDEX invoices_number_key ON invoices (number);

CREATE TABLE payments (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  invoice_number numeric(10,0) NOT NULL,
  paid_at timestamptz NOT NULL
);
CREATE INDEX payments_invoice_number_idx ON payments (invoice_number);
CREATE INDEX payments_paid_at_idx ON payments (paid_at);

SELECT id FROM invoices WHERE number = 1042.0;
--                            ^^^^^^^^^^^^^^^ implicit-type-conversion
SELECT p.id FROM payments p JOIN invoices i ON i.number = p.invoice_number WHERE p.paid_at > $1;
--                                             ^^^^^^^^^^^^^^^^^^^^^^^^^^^ implicit-type-conversion

-- Not reported: an integer literal, a parameter, a numeric column with a numeric literal.
SELECT id FROM invoices WHERE number = 1042;
SELECT id FROM invoices WHERE number = $1;
SELECT id FROM payments WHERE invoice_number = 1042.0;
