-- schemawise: dialect=sqlite
CREATE TABLE reading (id INTEGER PRIMARY KEY, sensor_id INTEGER NOT NULL, taken_at INTEGER NOT NULL);
CREATE INDEX reading_sensor_taken ON reading (sensor_id, taken_at);
CREATE INDEX reading_taken_partial ON reading (taken_at) WHERE sensor_id > 0;
