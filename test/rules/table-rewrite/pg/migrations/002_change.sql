ALTER TABLE orders ALTER COLUMN quantity TYPE bigint;
--                 ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ table-rewrite
ALTER TABLE orders ADD COLUMN token uuid NOT NULL DEFAULT gen_random_uuid();
--                            ^^^^^ table-rewrite
ALTER TABLE orders ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;
--                            ^^^ table-rewrite
ALTER TABLE orders ALTER COLUMN total TYPE numeric(10,4);
--                 ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ table-rewrite
  VACUUM FULL orders;
--^^^^^^^^^^^^^^^^^^ table-rewrite
  CLUSTER orders USING orders_pkey;
--^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ table-rewrite
  ALTER TABLE orders SET UNLOGGED;
--^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ table-rewrite
