-- A member's saved shipping addresses (seed table name `member_address`).
CREATE TABLE IF NOT EXISTS member_address (
  id         BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  member_id  BIGINT       NOT NULL,
  address    VARCHAR(500) NOT NULL,
  alias      VARCHAR(100) NOT NULL DEFAULT '',
  created_at DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  KEY idx_member_address_member (member_id, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
