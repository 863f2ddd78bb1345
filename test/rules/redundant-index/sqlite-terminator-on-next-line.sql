-- schemawise: dialect=sqlite
CREATE TABLE film_actor (
  actor_id INT NOT NULL,
  film_id INT NOT NULL,
  PRIMARY KEY (actor_id, film_id)
)
;
CREATE  INDEX idx_fk_film_actor_actor ON film_actor(actor_id)
--            ^^^^^^^^^^^^^^^^^^^^^^^ redundant-index
;
