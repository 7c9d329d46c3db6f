-- Sellers see the orders for their products (GET /orders/sellers/{sellerId}/orders): the product copy
-- keeps its seller (from product-changed), and orders are found by product.
ALTER TABLE order_product
  ADD COLUMN IF NOT EXISTS seller_id BIGINT NOT NULL DEFAULT 0,
  ADD INDEX IF NOT EXISTS idx_order_product_seller (seller_id);

ALTER TABLE orders ADD INDEX IF NOT EXISTS idx_orders_product (product_id, created_at);
