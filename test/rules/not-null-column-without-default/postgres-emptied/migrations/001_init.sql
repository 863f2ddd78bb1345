CREATE TABLE invites (id bigint PRIMARY KEY, email text NOT NULL);
CREATE TABLE sessions (id bigint PRIMARY KEY, token text NOT NULL);
