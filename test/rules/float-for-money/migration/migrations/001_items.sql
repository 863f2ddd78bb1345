-- schemawise: dialect=postgresql
CREATE TABLE items (id bigint PRIMARY KEY, price double precision, cost numeric(10,2));
--                                               ^^^^^^^^^^^^^^^^ float-for-money
