-- schemawise: dialect=sqlite
-- INTEGER PRIMARY KEY is the 64-bit rowid.
CREATE TABLE customer (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL);
