-- schemawise: dialect=sqlite
CREATE TABLE devices (
  id INTEGER PRIMARY KEY,
  hidden BOOLEAN DEFAULT 0,
--^^^^^^ nullable-with-default
  created_at TEXT DEFAULT CURRENT_TIMESTAMP
--^^^^^^^^^^ nullable-with-default
);
