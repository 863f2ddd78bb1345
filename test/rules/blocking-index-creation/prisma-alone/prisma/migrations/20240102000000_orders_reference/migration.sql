-- A single statement is not wrapped in a transaction: the fix applies.
-- CreateIndex
  CREATE INDEX "orders_reference_idx" ON "orders"("reference");
--^^^^^^^^^^^^ blocking-index-creation
