-- schemawise: dialect=sqlite
ALTER TABLE users DROP COLUMN legacy_flags;
--                ^^^^^^^^^^^^^^^^^^^^^^^^ destructive-drop
  DROP TABLE sessions;
--^^^^^^^^^^^^^^^^^^^ destructive-drop
