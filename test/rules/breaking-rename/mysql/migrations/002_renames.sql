-- schemawise: dialect=mysql
ALTER TABLE users CHANGE COLUMN email email_address varchar(255) NOT NULL;
--                                    ^^^^^^^^^^^^^ breaking-rename
ALTER TABLE users RENAME COLUMN name TO full_name;
--                ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ breaking-rename
RENAME TABLE orders TO purchases;
--           ^^^^^^^^^^^^^^^^^^^ breaking-rename
ALTER TABLE carts RENAME TO baskets;
--                ^^^^^^^^^^^^^^^^^ breaking-rename
