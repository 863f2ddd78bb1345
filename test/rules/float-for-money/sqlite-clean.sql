-- schemawise: dialect=sqlite
-- INTEGER minor units are exact; NUMERIC/DECIMAL is not flagged (no exact type exists to suggest instead of it);
-- `FLOATING POINT` contains "INT" and so has INTEGER affinity.
CREATE TABLE invoice (
  id INTEGER PRIMARY KEY,
  total_cents INTEGER NOT NULL,
  unit_price NUMERIC(10,2),
  fee FLOATING POINT,
  tax_rate REAL
);
