CREATE TABLE shipments (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  order_id bigint NOT NULL,
  carrier text NOT NULL,
  shipped_at timestamptz
);
ALTER TABLE shipments ADD CONSTRAINT shipments_order_fk FOREIGN KEY (order_id) REFERENCES orders (id);
CREATE INDEX shipments_order_idx ON shipments (order_id);
CREATE INDEX shipments_order_id_idx ON shipments (order_id);

-- Products are looked up by SKU in the storefront.
CREATE INDEX products_sku_idx ON products (sku);

-- Which order lines each shipment carries.
CREATE TABLE shipment_lines (
  shipment_id bigint NOT NULL REFERENCES shipments (id),
  order_id bigint NOT NULL,
  product_id bigint NOT NULL,
  PRIMARY KEY (shipment_id, order_id, product_id),
  FOREIGN KEY (order_id, product_id) REFERENCES order_items (order_id, product_id)
);
