-- schemawise: dialect=postgresql
-- A later ALTER makes `cost` a float: the finding points at it, and no fix edits the original definition.
ALTER TABLE items ALTER COLUMN cost TYPE real;
--                ^^^^^^^^^^^^^^^^^^^^^^^^^^^ float-for-money
--                ^^^^^^^^^^^^^^^^^^^^^^^^^^^ table-rewrite
CREATE TABLE refunds (id bigint PRIMARY KEY, amount real NOT NULL);
--                                                  ^^^^ float-for-money
