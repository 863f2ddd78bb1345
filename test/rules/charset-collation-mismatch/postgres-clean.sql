-- schemawise: dialect=postgresql
CREATE TABLE products (
  sku text COLLATE "C" PRIMARY KEY
);

-- The same collation, or none written on one side (the column takes the database default): not reported.
CREATE TABLE stock (
  id bigint PRIMARY KEY,
  product_sku text COLLATE "C" NOT NULL REFERENCES products (sku),
  replacement_sku text REFERENCES products (sku)
);
CREATE INDEX stock_product_sku_idx ON stock (product_sku);
CREATE INDEX stock_replacement_sku_idx ON stock (replacement_sku);
