-- schemawise: dialect=postgresql
ALTER TABLE events ADD COLUMN ended_at timestamp(3);
--                                     ^^^^^^^^^^^^ timestamp-without-time-zone
