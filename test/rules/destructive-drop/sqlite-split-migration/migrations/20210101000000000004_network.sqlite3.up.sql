-- schemawise: dialect=sqlite
-- A rebuild: the next part renames the copy into its place.
DROP TABLE flows;
