-- schemawise: dialect=sqlite
CREATE TABLE customers (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL,
  deleted_at TEXT
);
CREATE UNIQUE INDEX customers_email ON customers (email) WHERE deleted_at IS NULL;
