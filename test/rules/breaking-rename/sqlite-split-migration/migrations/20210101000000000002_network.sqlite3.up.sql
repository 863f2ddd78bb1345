-- schemawise: dialect=sqlite
CREATE TABLE _flows_tmp (id TEXT PRIMARY KEY, state TEXT NOT NULL, network_id TEXT);
