-- schemawise: dialect=sqlite
CREATE TABLE files (
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL,
  size INTEGER NOT NULL
);
CREATE UNIQUE INDEX files_path ON files (path);

SELECT id FROM files WHERE path LIKE '%.png';
--                         ^^^^^^^^^^^^^^^^^ leading-wildcard-like
SELECT id FROM files WHERE path LIKE '%' || ?;
--                         ^^^^^^^^^^^^^^^^^^ leading-wildcard-like

-- Not reported: a prefix search.
SELECT id FROM files WHERE path LIKE 'src/%';
