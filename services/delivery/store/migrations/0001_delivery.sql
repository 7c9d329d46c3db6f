-- One shipment per order (seed table name `delivery`). delivery_status: REQUESTED, IN_DELIVERY, DONE, FAILED.
-- reference_code is the carrier's tracking number, NULL until the carrier booked it.
CREATE TABLE IF NOT EXISTS delivery (
  delivery_id      BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  order_id         VARCHAR(64)  NOT NULL,
  order_name       VARCHAR(200) NOT NULL,
  product_count    BIGINT       NOT NULL,
  address          VARCHAR(500) NOT NULL,
  delivery_company VARCHAR(32)  NOT NULL,
  member_id        BIGINT       NOT NULL,
  payment_key      VARCHAR(200) NOT NULL,
  approved_at      VARCHAR(64)  NOT NULL,
  amount           BIGINT       NOT NULL,
  delivery_status  VARCHAR(16)  NOT NULL,
  reference_code   VARCHAR(64)  NULL,
  failure_reason   VARCHAR(500) NULL,
  created_at       DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at       DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  UNIQUE KEY uk_delivery_order (order_id),
  KEY idx_delivery_status (delivery_status, delivery_id),
  KEY idx_delivery_member (member_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
