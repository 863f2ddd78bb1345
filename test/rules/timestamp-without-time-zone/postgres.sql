-- schemawise: dialect=postgresql
CREATE TABLE events (
  id bigint PRIMARY KEY,
  created_at timestamp NOT NULL DEFAULT now(),
--           ^^^^^^^^^ timestamp-without-time-zone
  updated_at timestamp(6) without time zone NOT NULL,
--           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ timestamp-without-time-zone
  "sentAt" TIMESTAMP(3),
--         ^^^^^^^^^^^^ timestamp-without-time-zone
  reminders timestamp[]
--          ^^^^^^^^^^^ timestamp-without-time-zone
);
