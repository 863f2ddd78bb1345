-- schemawise: dialect=postgresql
-- One statement: golang-migrate runs it on its own, no transaction.
ALTER TYPE order_status ADD VALUE 'cancelled';
