-- schemawise: dialect=postgresql
CREATE INDEX CONCURRENTLY orders_reference_idx ON orders (reference);
