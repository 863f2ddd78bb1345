-- A single statement: sent alone, no transaction.
CREATE INDEX CONCURRENTLY "orders_reference_idx" ON "orders"("reference");
