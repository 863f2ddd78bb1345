-- schemawise: dialect=postgresql
CREATE TABLE accounts (id bigint PRIMARY KEY);
CREATE TYPE visibility AS ENUM ('PUBLIC', 'PRIVATE');
CREATE TABLE documents (
  id bigint PRIMARY KEY,
  -- A kind of account beside a reference to it (missing-foreign-key's business, not a polymorphic pair).
  account_type text NOT NULL,
  account_id bigint NOT NULL REFERENCES accounts (id),
  -- An enum of kinds, not of tables.
  template_type visibility NOT NULL,
  template_id bigint,
  -- A MIME type beside the row's own identifier.
  media_type text,
  media_id text UNIQUE,
  -- A number as the type: a lookup code, not a table name.
  payment_type integer,
  payment_id bigint
);
CREATE INDEX documents_account_id_idx ON documents (account_id);
