-- schemawise: dialect=postgresql
CREATE TABLE orders (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  created_at varchar(30) NOT NULL,
--           ^^^^^^^^^^^ date-as-text
  "shippedAt" text,
--            ^^^^ date-as-text
  due_date varchar(10),
--         ^^^^^^^^^^^ date-as-text
  published_on text,
--             ^^^^ date-as-text
  start_time varchar(8),
--           ^^^^^^^^^^ date-as-text
  date_of_birth text,
--              ^^^^ date-as-text
  is_gift varchar(5),
--        ^^^^^^^^^^ date-as-text
  "hasCoupon" text,
--            ^^^^ date-as-text
  unit_price varchar(20),
--           ^^^^^^^^^^^ date-as-text
  total_amount text
--             ^^^^ date-as-text
);
ALTER TABLE orders ADD COLUMN cancelled_at text;
--                                         ^^^^ date-as-text
