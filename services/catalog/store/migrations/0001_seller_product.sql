-- Product ids (auto-increment, as in the seed system) and the MariaDB-side state of each product:
-- PENDING (id allocated, Cassandra row maybe not written), ACTIVE, DELETED, ABANDONED (never written).
CREATE TABLE IF NOT EXISTS seller_product (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  seller_id BIGINT NOT NULL,
  state VARCHAR(16) NOT NULL DEFAULT 'PENDING',
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  updated_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  KEY idx_seller_product_seller (seller_id, id),
  KEY idx_seller_product_state (state, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
