-- schemawise: dialect=postgresql
  CREATE INDEX orders_reference_idx ON orders (reference);
--^^^^^^^^^^^^ blocking-index-creation
