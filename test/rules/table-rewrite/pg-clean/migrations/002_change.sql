-- Binary-coercible or metadata-only changes.
ALTER TABLE orders ALTER COLUMN code TYPE varchar(40);
ALTER TABLE orders ALTER COLUMN note TYPE text;
ALTER TABLE orders ALTER COLUMN total TYPE numeric(14,2);
ALTER TABLE orders ADD COLUMN status text NOT NULL DEFAULT 'new';
ALTER TABLE orders ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();
-- timestamp → timestamptz is not rewritten in PostgreSQL 12+ when the session time zone is UTC: not reported.
ALTER TABLE orders ALTER COLUMN placed_at TYPE timestamptz;
-- Plain VACUUM takes no lock on reads or writes.
VACUUM (ANALYZE) orders;
