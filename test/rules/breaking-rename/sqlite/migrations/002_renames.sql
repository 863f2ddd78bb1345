-- schemawise: dialect=sqlite
ALTER TABLE users RENAME COLUMN email TO email_address;
--                ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ breaking-rename
ALTER TABLE notes RENAME TO memos;
--                ^^^^^^^^^^^^^^^ breaking-rename
