CREATE TABLE orders (
  id bigint PRIMARY KEY,
  quantity integer NOT NULL,
  code varchar(20) NOT NULL,
  total numeric(10,2) NOT NULL
);
