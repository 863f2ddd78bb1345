-- migrate:up transaction:false
ALTER TYPE order_status ADD VALUE 'refunded';
SELECT count(*) FROM orders WHERE status = 'refunded';

-- migrate:down
