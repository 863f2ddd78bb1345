-- schemawise: dialect=postgresql
CREATE TABLE invoices (
  id bigint PRIMARY KEY,
  total double precision NOT NULL,
--      ^^^^^^^^^^^^^^^^ float-for-money
  tax real,
--    ^^^^ float-for-money
  "unitPrice" float8,
--            ^^^^^^ float-for-money
  shipping_cost float,
--              ^^^^^ float-for-money
  line_amounts float8[],
--             ^^^^^^^^ float-for-money
  paid money
--     ^^^^^ float-for-money
);
