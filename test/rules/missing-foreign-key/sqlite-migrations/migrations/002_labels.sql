-- schemawise: dialect=sqlite
-- Added by the newest migration without a default: the fix writes REFERENCES into the ADD COLUMN.
ALTER TABLE albums ADD COLUMN label_id INTEGER;
--                            ^^^^^^^^ missing-foreign-key
CREATE INDEX albums_label_id_idx ON albums (label_id);
CREATE TABLE tracks (
  id INTEGER PRIMARY KEY,
  album_id INTEGER NOT NULL REFERENCES albums (id),
  artist_id INTEGER NOT NULL REFERENCES artists (id),
  genre_id INTEGER
--^^^^^^^^ missing-foreign-key
);
CREATE INDEX tracks_album_id_idx ON tracks (album_id);
CREATE INDEX tracks_artist_id_idx ON tracks (artist_id);
CREATE INDEX tracks_genre_id_idx ON tracks (genre_id);
