-- Written by hand: the model was not updated.
ALTER TABLE "Order" ALTER COLUMN "status" SET DEFAULT 'pending';
ALTER TABLE "Customer" ADD COLUMN "name" TEXT;
