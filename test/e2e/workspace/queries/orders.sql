-- name: ListOrdersByCustomer :many
SELECT id, status, total FROM orders WHERE customer_id = $1 AND status = $2 ORDER BY placed_at DESC;

-- name: ShipmentsByCarrier :many
SELECT id, order_id FROM shipments WHERE carrier = $1;
