#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "member/domain/member.hpp"
#include "member/domain/member_error.hpp"

namespace eda::member {

// Refresh tokens rotate: each is good for one use. A login starts a family; every refresh marks the
// presented token kRotated and issues a child in the same family. Presenting a kRotated token again
// means two parties hold the same token (one of them stole it), so the whole family is revoked and
// both must log in again (the OAuth 2.0 Security BCP's "refresh token rotation" with reuse detection).
//
//   kActive --refresh--> kRotated (+ new kActive child)      kActive --expiry--> refused
//   kRotated --refresh--> family revoked, refused             any --logout--> family revoked
//   kRevoked --refresh--> refused
enum class RefreshTokenState { kActive, kRotated, kRevoked };

using Clock = std::chrono::system_clock;

// A stored refresh token. Only its hash is stored (see store/); the id is a UUID.
struct RefreshTokenRecord {
  std::string id;
  std::string family_id;
  std::optional<std::string> parent_id;  // nullopt for the first token of a family
  MemberId member_id;
  Clock::time_point expires_at;
  RefreshTokenState state = RefreshTokenState::kActive;
};

enum class RefreshDecision {
  kRotate,          // mark the token rotated, issue a child; success
  kRejectUnknown,   // no such token
  kRejectExpired,   // active but past its expiry; nothing to change
  kRejectRevoked,   // the family was revoked earlier
  kRevokeFamily,    // reuse of a rotated token: revoke the family, then refuse
};

// The state machine's transition for presenting `token` (nullopt when the hash is unknown) at `now`.
// Reuse is checked before expiry: a stolen old token is a reuse even if it has expired.
RefreshDecision DecideRefresh(const std::optional<RefreshTokenRecord>& token, Clock::time_point now);

// The error the caller gets for a refusing decision (kRotate is a bug here: kInternal).
MemberError RefreshError(RefreshDecision decision);

// The child issued when `parent` rotates: same family and member, parent = parent's id, active,
// expiring at now + ttl.
RefreshTokenRecord NextInFamily(const RefreshTokenRecord& parent, std::string child_id, Clock::time_point now,
                                std::chrono::seconds ttl);

// The first token of a new family (login).
RefreshTokenRecord StartFamily(MemberId member_id, std::string token_id, std::string family_id, Clock::time_point now,
                               std::chrono::seconds ttl);

}  // namespace eda::member
