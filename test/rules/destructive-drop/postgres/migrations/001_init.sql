-- schemawise: dialect=postgresql
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, legacy_flags text);
CREATE TABLE audit_log (id bigint PRIMARY KEY, message text);
CREATE TABLE sessions (id bigint PRIMARY KEY, token text);
CREATE TABLE carts (id bigint PRIMARY KEY);
CREATE TABLE wishlists (id bigint PRIMARY KEY);
CREATE TABLE reports (id bigint PRIMARY KEY, body text);
CREATE TABLE archive.events (id bigint PRIMARY KEY, payload text);
CREATE TABLE archive.snapshots (id bigint PRIMARY KEY);
