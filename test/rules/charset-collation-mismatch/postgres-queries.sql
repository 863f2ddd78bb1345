-- schemawise: dialect=postgresql
CREATE TABLE products (id bigint PRIMARY KEY, sku text COLLATE "C" NOT NULL UNIQUE, name text);
CREATE TABLE legacy_stock (id bigint PRIMARY KEY, sku text COLLATE "en_US" NOT NULL, label text COLLATE "C");
CREATE INDEX legacy_stock_sku ON legacy_stock (sku);

-- Two different explicit collations compared: reported once, at the comparison.
SELECT p.id FROM products p JOIN legacy_stock s ON s.sku = p.sku WHERE p.id = $1;
--                                                 ^^^^^^^^^^^^^ charset-collation-mismatch
SELECT s.id FROM legacy_stock s, products p WHERE p.id = $1 AND p.sku < s.sku;
--                                                              ^^^^^^^^^^^^^ charset-collation-mismatch

-- The same collation, or none written on one side: not reported.
SELECT s.id FROM legacy_stock s JOIN products p ON p.sku = s.label WHERE p.id = $1;
SELECT s.id FROM legacy_stock s JOIN products p ON p.name = s.sku WHERE p.id = $1;
-- A wrapped column is compared in the collation the query gives it.
SELECT s.id FROM legacy_stock s JOIN products p ON p.sku = s.sku COLLATE "C" WHERE p.id = $1;
