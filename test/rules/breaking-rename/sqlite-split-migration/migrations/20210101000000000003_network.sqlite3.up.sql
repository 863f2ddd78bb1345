-- schemawise: dialect=sqlite
INSERT INTO _flows_tmp (id, state) SELECT id, state FROM flows;
