-- schemawise: dialect=sqlite
CREATE TABLE flows (id TEXT PRIMARY KEY, state TEXT NOT NULL);
