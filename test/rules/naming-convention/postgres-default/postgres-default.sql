-- schemawise: dialect=postgresql
-- With only `enabled`: table case and foreign key columns are checked; index and constraint names are not.
CREATE TABLE users (id bigint CONSTRAINT users_pkey PRIMARY KEY);
CREATE TABLE "userSessions" (
--           ^^^^^^^^^^^^^^ naming-convention
  id bigint PRIMARY KEY,
  users_id bigint REFERENCES users (id)
--^^^^^^^^ naming-convention
);
CREATE INDEX whatever ON "userSessions" (users_id);
CREATE TABLE people (id bigint PRIMARY KEY, person_id bigint REFERENCES people (id));
--                                          ^^^^^^^^^ unindexed-foreign-key
CREATE TABLE settings (id bigint PRIMARY KEY, people_id bigint REFERENCES people (id));
CREATE INDEX settings_people ON settings (people_id);
