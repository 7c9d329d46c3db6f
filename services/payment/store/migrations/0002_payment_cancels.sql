CREATE TABLE IF NOT EXISTS payment_cancels (
  id              BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  payment_id      BIGINT       NOT NULL,
  order_id        VARCHAR(64)  NOT NULL,
  payment_key     VARCHAR(200) NOT NULL,
  cancel_amount   BIGINT       NOT NULL,
  cancel_reason   VARCHAR(200) NOT NULL,
  transaction_key VARCHAR(64)  NOT NULL,
  idempotency_key VARCHAR(64)  NULL,
  canceled_at     VARCHAR(40)  NULL,
  created_at      DATETIME(6)  NOT NULL,
  UNIQUE KEY uk_payment_cancels_tx (payment_key, transaction_key),
  KEY idx_payment_cancels_order (order_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
