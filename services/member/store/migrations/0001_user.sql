-- Members. `id`, `login_id` and `user_name` carry the seed system's JSON fields id, loginId and
-- userName. Passwords are stored only as argon2id strings (algorithm, parameters and salt
-- included), never in plain text. login_id is ASCII (the domain rules allow only [A-Za-z0-9._@+-])
-- with a case-insensitive collation, so "Alice" and "alice" cannot both register.
CREATE TABLE IF NOT EXISTS `user` (
  id            BIGINT       NOT NULL AUTO_INCREMENT,
  login_id      VARCHAR(64)  CHARACTER SET ascii COLLATE ascii_general_ci NOT NULL,
  user_name     VARCHAR(50)  CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL,
  password_hash VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  role          VARCHAR(16)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT 'BUYER',
  created_at    DATETIME(6)  NOT NULL,
  updated_at    DATETIME(6)  NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_user_login_id (login_id),
  CONSTRAINT ck_user_role CHECK (role IN ('BUYER', 'SELLER', 'ADMIN'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
