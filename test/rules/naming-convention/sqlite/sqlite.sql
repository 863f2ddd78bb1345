-- schemawise: dialect=sqlite
CREATE TABLE artist (id INTEGER PRIMARY KEY);
CREATE TABLE album (
  id INTEGER PRIMARY KEY,
  artistid INTEGER REFERENCES artist (id)
--^^^^^^^^ naming-convention
);
CREATE INDEX album_artistid ON album (artistid);
CREATE TABLE MediaType (id INTEGER PRIMARY KEY);
--           ^^^^^^^^^ naming-convention
