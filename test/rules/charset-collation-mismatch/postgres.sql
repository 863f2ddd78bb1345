-- schemawise: dialect=postgresql
CREATE TABLE products (
  sku text COLLATE "C" PRIMARY KEY
);

CREATE TABLE stock (
  id bigint PRIMARY KEY,
  product_sku text COLLATE "en_US" NOT NULL REFERENCES products (sku)
--^^^^^^^^^^^ charset-collation-mismatch
);
CREATE INDEX stock_product_sku_idx ON stock (product_sku);
