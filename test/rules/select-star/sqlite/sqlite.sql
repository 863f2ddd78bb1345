-- schemawise: dialect=sqlite
CREATE TABLE notes (id INTEGER PRIMARY KEY, title TEXT NOT NULL);

SELECT * FROM notes WHERE id = ?;
--     ^ select-star
CREATE VIEW all_notes AS SELECT * FROM notes;
--                              ^ select-star
