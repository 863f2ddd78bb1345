-- schemawise: dialect=sqlite
ALTER TABLE _flows_tmp RENAME TO flows;
