-- schemawise: dialect=sqlite
CREATE TABLE artist (id INTEGER PRIMARY KEY);
CREATE TABLE album (id INTEGER PRIMARY KEY, artist_id INTEGER REFERENCES artist (id));
CREATE INDEX album_artist_id ON album (artist_id);
