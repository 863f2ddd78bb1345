-- schemawise: dialect=postgresql
-- PostgreSQL timestamps span 4713 BC to 294276 AD.
CREATE TABLE subscriptions (id bigint PRIMARY KEY, expires_at timestamptz NOT NULL);
