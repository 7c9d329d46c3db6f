-- The stock ledger (README "Stock ledger"): a product's stock lives beside its id, with a version
-- that orders the Cassandra projection, and the details product-changed needs; each order's take
-- is one reservation row. stock_count NULL: registered before the ledger, copied from Cassandra at
-- start.
ALTER TABLE seller_product
  ADD COLUMN IF NOT EXISTS stock_count BIGINT NULL,
  ADD COLUMN IF NOT EXISTS stock_version BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN IF NOT EXISTS product_name VARCHAR(400) NOT NULL DEFAULT '',
  ADD COLUMN IF NOT EXISTS product_price BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN IF NOT EXISTS tags TEXT NULL;

CREATE TABLE IF NOT EXISTS stock_reservation (
  order_id VARCHAR(64) NOT NULL PRIMARY KEY,
  product_id BIGINT NOT NULL,
  quantity BIGINT NOT NULL,
  state VARCHAR(16) NOT NULL,
  reason VARCHAR(64) NOT NULL DEFAULT '',
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  updated_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  KEY idx_stock_reservation_product (product_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
