-- schemawise: dialect=sqlite
CREATE TABLE artist (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE UNIQUE INDEX artist_name_key ON artist (name);

CREATE TABLE album (
  id INTEGER PRIMARY KEY,
  artist_id INTEGER REFERENCES artist,
  artist_name TEXT REFERENCES artist (name)
);
CREATE INDEX album_artist_id_idx ON album (artist_id);
CREATE INDEX album_artist_name_idx ON album (artist_name);
