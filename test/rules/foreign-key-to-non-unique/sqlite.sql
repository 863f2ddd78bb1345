-- schemawise: dialect=sqlite
CREATE TABLE artist (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE genre (name TEXT NOT NULL);
--           ^^^^^ missing-primary-key

-- Accepted by CREATE TABLE; every write that checks the key fails with "foreign key mismatch".
CREATE TABLE album (
  id INTEGER PRIMARY KEY,
  artist_name TEXT REFERENCES artist (name),
--                            ^^^^^^^^^^^^^ foreign-key-to-non-unique
  genre_name TEXT REFERENCES genre
--                           ^^^^^ foreign-key-to-non-unique
);
CREATE INDEX album_artist_name_idx ON album (artist_name);
CREATE INDEX album_genre_name_idx ON album (genre_name);
