-- schemawise: dialect=sqlite
CREATE TABLE customers (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL,
  deleted_at DATETIME
);
CREATE UNIQUE INDEX customers_email ON customers (email);
--                  ^^^^^^^^^^^^^^^ soft-delete-unindexed
