-- schemawise: dialect=sqlite
CREATE TABLE invoice (
  id INTEGER PRIMARY KEY,
  total REAL NOT NULL,
--      ^^^^ float-for-money
  unitPrice DOUBLE,
--          ^^^^^^ float-for-money
  fee FLOAT
--    ^^^^^ float-for-money
);
