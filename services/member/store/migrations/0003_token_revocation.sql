-- Access-token revocation. Every access token carries the member's token_version as `ver`; logout,
-- a password change and a refresh-family revocation raise it, so older tokens stop being accepted.
-- Each raise is also a token_revocation row, which every service polls
-- (GET /member/internal/token-revocations) to refuse the revoked tokens it verifies itself.
ALTER TABLE `user` ADD COLUMN IF NOT EXISTS token_version BIGINT NOT NULL DEFAULT 0;

CREATE TABLE IF NOT EXISTS token_revocation (
  seq         BIGINT      NOT NULL AUTO_INCREMENT,
  member_id   BIGINT      NOT NULL,
  min_version BIGINT      NOT NULL,
  created_at  DATETIME(6) NOT NULL,
  PRIMARY KEY (seq),
  KEY ix_token_revocation_created (created_at)
) ENGINE = InnoDB DEFAULT CHARSET = ascii COLLATE = ascii_bin;
