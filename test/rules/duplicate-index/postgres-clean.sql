-- schemawise: dialect=postgresql
CREATE TABLE products (
  id bigint PRIMARY KEY,
  sku text NOT NULL UNIQUE,
  title text NOT NULL
);
CREATE INDEX products_lower_sku_idx ON products (lower(sku));
CREATE INDEX products_title_idx ON products (title);
CREATE INDEX products_title_trgm_idx ON products USING gin (title gin_trgm_ops);
