-- The catalog's products as announced on product-changed (name, price, deleted), so an order is
-- priced without a call to the catalog. changed_at is the announcement's RFC 3339 time in UTC with
-- milliseconds (fixed width, so it compares as text): an older announcement never replaces a newer one.
CREATE TABLE IF NOT EXISTS order_product (
  product_id    BIGINT       NOT NULL PRIMARY KEY,
  product_name  VARCHAR(200) NOT NULL,
  product_price BIGINT       NOT NULL,
  deleted       TINYINT(1)   NOT NULL DEFAULT 0,
  changed_at    VARCHAR(32)  NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
