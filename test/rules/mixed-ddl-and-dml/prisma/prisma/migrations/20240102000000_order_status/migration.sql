-- AlterTable
ALTER TABLE "orders" ADD COLUMN "status" TEXT;

-- Prisma Migrate sends the migration as one query: one transaction, the ALTER's lock held until its end.
  UPDATE "orders" SET "status" = 'new';
--^^^^^^^^^^^^^^^ mixed-ddl-and-dml
