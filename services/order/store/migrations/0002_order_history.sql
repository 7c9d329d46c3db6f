CREATE TABLE IF NOT EXISTS order_history (
  id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  order_id    VARCHAR(40)  NOT NULL,
  from_status VARCHAR(24)  NOT NULL,
  to_status   VARCHAR(24)  NOT NULL,
  reason      VARCHAR(300) NOT NULL,
  at          DATETIME(6)  NOT NULL,
  KEY idx_order_history_order (order_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
