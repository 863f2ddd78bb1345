-- schemawise: dialect=postgresql
-- Objects from an earlier migration: their data goes, and deployed code using them fails.
ALTER TABLE users DROP COLUMN legacy_flags;
--                ^^^^^^^^^^^^^^^^^^^^^^^^ destructive-drop
  DROP TABLE sessions;
--^^^^^^^^^^^^^^^^^^^ destructive-drop
  DROP TABLE IF EXISTS carts, never_created, wishlists CASCADE;
--^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ destructive-drop
  TRUNCATE audit_log;
--^^^^^^^^^^^^^^^^^^ destructive-drop
  DROP SCHEMA archive CASCADE;
--^^^^^^^^^^^^^^^^^^^^^^^^^^^ destructive-drop
