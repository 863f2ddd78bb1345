-- A backfill of its own: no schema change holds a lock.
UPDATE "orders" SET "note" = '' WHERE "note" IS NULL;
