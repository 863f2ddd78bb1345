-- schemawise: dialect=postgresql
CREATE TABLE products (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  shop_id bigint NOT NULL,
  name text NOT NULL,
  sku text NOT NULL,
  description text
);
CREATE INDEX products_shop_name_idx ON products (shop_id, name);
CREATE UNIQUE INDEX products_sku_key ON products (sku);

SELECT id FROM products WHERE shop_id = $1 AND name LIKE '%phone%';
--                                             ^^^^^^^^^^^^^^^^^^^ leading-wildcard-like
SELECT id FROM products WHERE shop_id = $1 AND name ILIKE '%' || $2 || '%';
--                                             ^^^^^^^^^^^^^^^^^^^^^^^^^^^ leading-wildcard-like
SELECT id FROM products WHERE sku LIKE '_12345';
--                            ^^^^^^^^^^^^^^^^^ leading-wildcard-like
SELECT id FROM products WHERE sku ILIKE '%' || $1 OR sku LIKE $1 || '%';
--                            ^^^^^^^^^^^^^^^^^^^ leading-wildcard-like

-- Not reported: a prefix pattern, an unindexed column, a pattern not known to start with a wildcard, NOT LIKE.
SELECT id FROM products WHERE shop_id = $1 AND name LIKE 'phone%';
SELECT id FROM products WHERE shop_id = $1 AND name ILIKE 'phone%';
SELECT id FROM products WHERE shop_id = $1 AND description ILIKE '%waterproof%';
SELECT id FROM products WHERE shop_id = $1 AND name LIKE $2;
SELECT id FROM products WHERE shop_id = $1 AND sku NOT LIKE '%-old';
-- name is the second key: without shop_id nothing seeks on it anyway.
SELECT id FROM products WHERE name LIKE '%phone%' AND shop_id > 10;
-- '%' alone matches every non-null value: not a search.
SELECT id FROM products WHERE sku LIKE '%';
-- Found by the primary key: the pattern checks one row.
SELECT id FROM products WHERE id = $1 AND sku LIKE '%-old';
