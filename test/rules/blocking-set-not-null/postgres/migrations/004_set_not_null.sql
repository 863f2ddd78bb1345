-- schemawise: dialect=postgresql
ALTER TABLE users ALTER COLUMN email SET NOT NULL;
--                ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ blocking-set-not-null
-- Step 3: PostgreSQL 12+ uses the valid checks instead of scanning.
ALTER TABLE users ALTER COLUMN name SET NOT NULL;
ALTER TABLE users ALTER COLUMN phone SET NOT NULL;
ALTER TABLE users ALTER COLUMN "Region" SET NOT NULL;
-- A check that is not validated yet, or was dropped, proves nothing.
ALTER TABLE users ALTER COLUMN tenant SET NOT NULL;
--                ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ blocking-set-not-null
ALTER TABLE users ALTER COLUMN city SET NOT NULL;
--                ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ blocking-set-not-null
-- Already NOT NULL (a primary key column): nothing to check.
ALTER TABLE users ALTER COLUMN id SET NOT NULL;
-- A table created earlier in this file is empty: no scan to speak of.
CREATE TABLE tags (id bigint PRIMARY KEY, label text);
ALTER TABLE tags ALTER COLUMN label SET NOT NULL;
-- A type change that rewrites the table checks NOT NULL as it goes: no scan of its own.
ALTER TABLE sessions ALTER COLUMN data TYPE jsonb USING data::jsonb, ALTER COLUMN data SET NOT NULL;
--                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ table-rewrite
-- To text the change may not rewrite: SET NOT NULL still scans.
ALTER TABLE sessions ALTER COLUMN token TYPE text, ALTER COLUMN token SET NOT NULL;
--                                                 ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ blocking-set-not-null
-- Created again earlier in this file (a dump under migrations/): empty, nothing to scan.
CREATE TABLE events (id bigint PRIMARY KEY, kind text);
ALTER TABLE events ALTER COLUMN kind SET NOT NULL;
