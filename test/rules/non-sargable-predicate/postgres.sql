-- schemawise: dialect=postgresql
CREATE TABLE accounts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email text NOT NULL,
  handle citext NOT NULL,
  tenant_id bigint NOT NULL,
  created_at timestamptz NOT NULL,
  balance numeric(12,2) NOT NULL
);
CREATE INDEX accounts_email_idx ON accounts (email);
CREATE INDEX accounts_tenant_created_idx ON accounts (tenant_id, created_at);
CREATE INDEX accounts_balance_idx ON accounts (balance);
CREATE INDEX accounts_handle_idx ON accounts (handle);

SELECT id FROM accounts WHERE lower(email) = $1;
--                            ^^^^^^^^^^^^ non-sargable-predicate
SELECT id FROM accounts WHERE tenant_id = $1 AND created_at::date = $2;
--                                               ^^^^^^^^^^^^^^^^ non-sargable-predicate
SELECT id FROM accounts WHERE tenant_id = $1 AND date_trunc('month', created_at) = $2;
--                                               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ non-sargable-predicate
SELECT id FROM accounts WHERE balance * 100 > $1;
--                            ^^^^^^^^^^^^^ non-sargable-predicate
SELECT id FROM accounts WHERE tenant_id = $1 AND CAST(created_at AS date) = current_date;
--                                               ^^^^^^^^^^^^^^^^^^^^^^^^ non-sargable-predicate
SELECT id FROM accounts WHERE lower(handle) = $1;
--                            ^^^^^^^^^^^^^ non-sargable-predicate
SELECT id FROM accounts WHERE lower(email) = $1 OR upper(email) = $2;
--                            ^^^^^^^^^^^^ non-sargable-predicate
--                                                 ^^^^^^^^^^^^ non-sargable-predicate
SELECT id FROM accounts WHERE tenant_id = $1 AND (date(created_at) = $2 OR balance = $3);
--                                                ^^^^^^^^^^^^^^^^ non-sargable-predicate

-- Not reported: no index seeks on the bare column for this query (created_at is second behind tenant_id),
-- a cast that changes nothing, the column compared bare, a self-comparison.
SELECT id FROM accounts WHERE date(created_at) = $1 AND tenant_id > 0;
SELECT id FROM accounts WHERE email::text = $1;
SELECT id FROM accounts WHERE id::bigint = $1;
SELECT id FROM accounts WHERE tenant_id = $1 AND created_at >= $2::date AND created_at < $2::date + 1;
SELECT id FROM accounts a WHERE a.balance + 1 > a.id;

-- A view's query runs whenever the view is read.
CREATE VIEW rich_accounts AS SELECT id FROM accounts WHERE round(balance) > 1000000;
--                                                         ^^^^^^^^^^^^^^ non-sargable-predicate

-- Not reported: the row is found by its primary key (or a unique key through a join); the wrapped filter only checks it.
SELECT id FROM accounts WHERE id = $1 AND lower(email) = $2;
