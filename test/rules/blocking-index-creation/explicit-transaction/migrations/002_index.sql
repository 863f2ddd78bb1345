-- schemawise: dialect=postgresql
-- Inside BEGIN … COMMIT: CONCURRENTLY would fail there, so no fix; the help says to move it out.
BEGIN;
  CREATE INDEX orders_reference_idx ON orders (reference);
--^^^^^^^^^^^^ blocking-index-creation
COMMIT;
