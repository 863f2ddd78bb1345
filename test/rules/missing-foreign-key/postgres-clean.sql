-- schemawise: dialect=postgresql
-- No foreign key anywhere: a database without foreign keys by design (Rails, Vitess, Prisma relationMode).
CREATE TABLE customers (id bigint PRIMARY KEY);
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL);

-- Another schema's `plans` is not the one a template table means; a self-named column is not a reference.
CREATE SCHEMA billing;
CREATE TABLE plans (id bigint PRIMARY KEY);
CREATE TABLE billing.subscriptions (id bigint PRIMARY KEY, plan_id bigint, subscription_id bigint);
