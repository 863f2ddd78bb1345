-- schemawise: dialect=postgresql
ALTER TYPE order_status ADD VALUE 'refunded';
DO $$
BEGIN
  UPDATE orders SET status = 'refunded' WHERE id < 0;
--                           ^^^^^^^^^^ enum-value-in-transaction
END
$$;
CREATE FUNCTION is_refunded(o orders) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
  -- A function body runs later, after the commit.
  RETURN o.status = 'refunded';
END
$$;
