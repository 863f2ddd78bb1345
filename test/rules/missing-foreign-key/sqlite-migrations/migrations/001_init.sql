-- schemawise: dialect=sqlite
CREATE TABLE artists (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE genres (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE labels (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
-- Defined in an applied migration: SQLite cannot add the key to the table, only a rebuild can (no fix).
CREATE TABLE albums (
  id INTEGER PRIMARY KEY,
  artist_id INTEGER NOT NULL REFERENCES artists (id),
  genre_id INTEGER
--^^^^^^^^ missing-foreign-key
);
CREATE INDEX albums_artist_id_idx ON albums (artist_id);
CREATE INDEX albums_genre_id_idx ON albums (genre_id);
