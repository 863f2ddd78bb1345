-- Prisma writes @unique as a unique index, not a constraint: that is blocking-index-creation's.
-- CreateIndex
  CREATE UNIQUE INDEX "users_email_key" ON "users"("email");
--^^^^^^^^^^^^^^^^^^^ blocking-index-creation
