-- migrate:up
ALTER TYPE order_status ADD VALUE 'shipped';
SELECT count(*) FROM orders WHERE status = 'shipped';
--                                         ^^^^^^^^^ enum-value-in-transaction

-- migrate:down
