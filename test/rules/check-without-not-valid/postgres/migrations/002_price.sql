-- schemawise: dialect=postgresql
-- An older migration: it has run wherever it will run, so no fix edits it.
ALTER TABLE products ADD CONSTRAINT products_price_positive CHECK (price > 0);
--                                                          ^^^^^ check-without-not-valid
