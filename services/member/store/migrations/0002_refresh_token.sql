-- Refresh tokens, one row per issued token; only the SHA-256 of the token is stored, so a copy of
-- this table yields no usable token. A login starts a family (family_id); each refresh marks the
-- presented row rotated (rotated_at) and inserts its child (parent_id). Presenting a rotated token
-- again revokes the whole family (revoked_at on every row of it); logout does the same.
CREATE TABLE IF NOT EXISTS refresh_token (
  id          CHAR(36)    CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  family_id   CHAR(36)    CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  parent_id   CHAR(36)    CHARACTER SET ascii COLLATE ascii_bin NULL,
  member_id   BIGINT      NOT NULL,
  token_hash  CHAR(64)    CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  created_at  DATETIME(6) NOT NULL,
  expires_at  DATETIME(6) NOT NULL,
  rotated_at  DATETIME(6) NULL,
  revoked_at  DATETIME(6) NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_refresh_token_hash (token_hash),
  KEY ix_refresh_token_family (family_id),
  KEY ix_refresh_token_member (member_id),
  CONSTRAINT fk_refresh_token_member FOREIGN KEY (member_id) REFERENCES `user` (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = ascii COLLATE = ascii_bin;
