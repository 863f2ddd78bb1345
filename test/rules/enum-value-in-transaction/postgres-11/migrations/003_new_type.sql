-- schemawise: dialect=postgresql
-- A type created in the same transaction may get values there, even before 12.
BEGIN;
CREATE TYPE refund_reason AS ENUM ('damaged');
ALTER TYPE refund_reason ADD VALUE 'late';
COMMIT;
