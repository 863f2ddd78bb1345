-- schemawise: dialect=postgresql
  DROP TABLE orders;
--^^^^^^^^^^^^^^^^^ missing-lock-timeout
--^^^^^^^^^^^^^^^^^ destructive-drop
