-- schemawise: dialect=postgresql
-- Tables from an earlier migration: the deployed code still uses the old names.
-- (The table rename is indented so that its caret line can start under it.)
ALTER TABLE users RENAME COLUMN email TO email_address;
--                ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ breaking-rename
  ALTER TABLE orders RENAME TO purchases;
--^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ breaking-rename
ALTER TABLE billing.accounts RENAME label TO title;
--                           ^^^^^^^^^^^^^^^^^^^^^ breaking-rename
