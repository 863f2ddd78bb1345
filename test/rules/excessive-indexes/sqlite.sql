-- schemawise: dialect=sqlite
CREATE TABLE track (
--           ^^^^^ excessive-indexes
  id INTEGER PRIMARY KEY,
  album_id INTEGER,
  genre_id INTEGER,
  media_id INTEGER,
  name TEXT UNIQUE,
  composer TEXT,
  ms INTEGER,
  bytes INTEGER,
  rating REAL
);
CREATE INDEX track_album ON track (album_id);
CREATE INDEX track_genre ON track (genre_id);
CREATE INDEX track_media ON track (media_id);
CREATE INDEX track_composer ON track (composer);
CREATE INDEX track_ms ON track (ms);
CREATE INDEX track_bytes ON track (bytes);
CREATE INDEX track_rating ON track (rating);
