-- Emptied just before (a DELETE without WHERE): adding the NOT NULL column cannot fail.
DELETE FROM invites;
ALTER TABLE invites ADD COLUMN role text NOT NULL;
-- A DELETE with a WHERE leaves rows.
DELETE FROM sessions WHERE token = '';
ALTER TABLE sessions ADD COLUMN device text NOT NULL;
--                                          ^^^^^^^^ not-null-column-without-default
