-- schemawise: dialect=sqlite
CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL, legacy_flags TEXT);
CREATE TABLE sessions (id INTEGER PRIMARY KEY);
CREATE TABLE tags (id INTEGER PRIMARY KEY, label TEXT);
