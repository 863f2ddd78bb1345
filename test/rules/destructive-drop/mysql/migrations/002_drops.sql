-- schemawise: dialect=mysql
ALTER TABLE users DROP COLUMN legacy_flags, DROP nickname;
--                ^^^^^^^^^^^^^^^^^^^^^^^^ destructive-drop
--                                          ^^^^^^^^^^^^^ destructive-drop
  DROP TABLE sessions;
# ^^^^^^^^^^^^^^^^^^^ destructive-drop
  TRUNCATE TABLE audit_log;
# ^^^^^^^^^^^^^^^^^^^^^^^^ destructive-drop
  DROP DATABASE `staging`;
# ^^^^^^^^^^^^^^^^^^^^^^^ destructive-drop
