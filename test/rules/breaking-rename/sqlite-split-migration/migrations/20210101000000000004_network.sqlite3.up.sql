-- schemawise: dialect=sqlite
DROP TABLE flows;
