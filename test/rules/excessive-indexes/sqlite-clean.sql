-- schemawise: dialect=sqlite
CREATE TABLE track (
  id INTEGER PRIMARY KEY,
  album_id INTEGER,
  genre_id INTEGER,
  name TEXT UNIQUE
);
CREATE INDEX track_album ON track (album_id);
CREATE INDEX track_genre ON track (genre_id);
