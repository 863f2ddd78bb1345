-- schemawise: dialect=sqlite
-- The dump style of sakila for SQLite: the terminator on a line of its own.
CREATE TABLE rental (rental_id INTEGER PRIMARY KEY)
;
CREATE TABLE payment (
  payment_id INTEGER PRIMARY KEY,
  rental_id INT DEFAULT NULL,
  CONSTRAINT fk_payment_rental FOREIGN KEY (rental_id) REFERENCES rental (rental_id)
--                                         ^^^^^^^^^^^ unindexed-foreign-key
)
;
CREATE INDEX idx_payment_id_rental ON payment(payment_id, rental_id)
;
