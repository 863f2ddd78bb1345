-- schemawise: dialect=sqlite
CREATE TABLE artist (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE album (
  id INTEGER PRIMARY KEY,
  artist_id INTEGER NOT NULL REFERENCES artist (id),
--^^^^^^^^^ unindexed-foreign-key
  title TEXT NOT NULL
);
CREATE TABLE track (
  id INTEGER PRIMARY KEY,
  album_id INTEGER REFERENCES album (id)
);
CREATE INDEX track_album_idx ON track (album_id);
