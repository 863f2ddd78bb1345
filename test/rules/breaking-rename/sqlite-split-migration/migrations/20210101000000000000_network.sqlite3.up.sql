-- schemawise: dialect=sqlite
-- ory/popx writes one migration as one file per statement (a 14-digit version, a 6-digit part): one migration.
ALTER TABLE flows ADD COLUMN nid TEXT;
