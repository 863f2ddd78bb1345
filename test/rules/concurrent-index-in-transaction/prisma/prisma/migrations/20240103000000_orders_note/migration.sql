-- AlterTable
ALTER TABLE "orders" ADD COLUMN "shipped_at" TIMESTAMPTZ;

-- CreateIndex
  CREATE INDEX CONCURRENTLY "orders_note_idx" ON "orders"("note");
--^^^^^^^^^^^^ concurrent-index-in-transaction
