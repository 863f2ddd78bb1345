-- schemawise: dialect=mysql
CREATE TABLE users (id bigint PRIMARY KEY, email varchar(255) NOT NULL, legacy_flags varchar(50), nickname varchar(50));
CREATE TABLE sessions (id bigint PRIMARY KEY);
CREATE TABLE audit_log (id bigint PRIMARY KEY);
CREATE TABLE staging.uploads (id bigint PRIMARY KEY);
