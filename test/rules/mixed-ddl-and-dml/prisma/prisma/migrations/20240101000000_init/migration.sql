-- CreateTable
CREATE TABLE "orders" ("id" BIGINT NOT NULL, "note" TEXT, CONSTRAINT "orders_pkey" PRIMARY KEY ("id"));
