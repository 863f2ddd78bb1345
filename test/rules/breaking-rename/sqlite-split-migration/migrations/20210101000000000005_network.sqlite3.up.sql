-- schemawise: dialect=sqlite
-- A rebuild: the copy an earlier part created takes the table's name back; nothing deployed used the copy.
ALTER TABLE _flows_tmp RENAME TO flows;
