-- CreateIndex
  CREATE INDEX "orders_reference_idx" ON "orders"("reference");
--^^^^^^^^^^^^ blocking-index-creation

-- CreateIndex
  CREATE INDEX "orders_note_idx" ON "orders"("note");
--^^^^^^^^^^^^ blocking-index-creation
