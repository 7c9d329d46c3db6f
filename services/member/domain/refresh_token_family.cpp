#include "member/domain/refresh_token_family.hpp"

namespace eda::member {

RefreshDecision DecideRefresh(const std::optional<RefreshTokenRecord>& token, Clock::time_point now) {
  if (!token) return RefreshDecision::kRejectUnknown;
  switch (token->state) {
    case RefreshTokenState::kRevoked: return RefreshDecision::kRejectRevoked;
    case RefreshTokenState::kRotated: return RefreshDecision::kRevokeFamily;
    case RefreshTokenState::kActive: break;
  }
  if (now >= token->expires_at) return RefreshDecision::kRejectExpired;
  return RefreshDecision::kRotate;
}

MemberError RefreshError(RefreshDecision decision) {
  switch (decision) {
    case RefreshDecision::kRejectUnknown:
    case RefreshDecision::kRejectExpired:
    case RefreshDecision::kRejectRevoked:
      return MemberError::Of(MemberErrc::kInvalidRefreshToken, "the refresh token is invalid, expired or revoked");
    case RefreshDecision::kRevokeFamily:
      return MemberError::Of(MemberErrc::kRefreshTokenReused,
                             "the refresh token was already used; all sessions of this login were revoked");
    case RefreshDecision::kRotate: break;
  }
  return MemberError::Of(MemberErrc::kInternal, "no error for a successful refresh");
}

RefreshTokenRecord NextInFamily(const RefreshTokenRecord& parent, std::string child_id, Clock::time_point now,
                                std::chrono::seconds ttl) {
  return RefreshTokenRecord{std::move(child_id), parent.family_id, parent.id, parent.member_id, now + ttl,
                            RefreshTokenState::kActive};
}

RefreshTokenRecord StartFamily(MemberId member_id, std::string token_id, std::string family_id, Clock::time_point now,
                               std::chrono::seconds ttl) {
  return RefreshTokenRecord{std::move(token_id), std::move(family_id), std::nullopt, member_id, now + ttl,
                            RefreshTokenState::kActive};
}

}  // namespace eda::member
