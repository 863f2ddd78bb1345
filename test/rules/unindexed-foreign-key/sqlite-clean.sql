-- schemawise: dialect=sqlite
CREATE TABLE playlist (id INTEGER PRIMARY KEY);
CREATE TABLE playlist_track (
  playlist_id INTEGER NOT NULL REFERENCES playlist (id),
  track_id INTEGER NOT NULL,
  PRIMARY KEY (playlist_id, track_id)
);
