-- schemawise: dialect=postgresql
-- The type is created in the same transaction: PostgreSQL allows its new values there.
BEGIN;
CREATE TYPE refund_reason AS ENUM ('damaged');
ALTER TYPE refund_reason ADD VALUE 'late';
SELECT 'late'::refund_reason;
COMMIT;
