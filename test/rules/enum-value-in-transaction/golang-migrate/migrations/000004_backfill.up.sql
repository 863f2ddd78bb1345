-- schemawise: dialect=postgresql
UPDATE orders SET status = 'cancelled' WHERE id < 0;
UPDATE orders SET status = 'refunded' WHERE id = 0;
