#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <string_view>

#include "member/domain/access_policy.hpp"
#include "member/domain/credentials.hpp"
#include "member/domain/login_throttle_store.hpp"
#include "member/domain/member.hpp"
#include "member/domain/member_error.hpp"
#include "member/domain/member_repository.hpp"
#include "member/domain/member_rules.hpp"
#include "member/domain/refresh_token_family.hpp"
#include "member/domain/refresh_token_repository.hpp"
#include "member/domain/throttle_policy.hpp"

namespace eda::member {

// The member use cases: each public function is one HTTP route's whole behaviour, composed from the
// pure rules (member_rules, access_policy, throttle_policy, refresh_token_family) and the ports
// (repositories, throttle store, crypto). No I/O of its own; every call is blocking (it waits on
// the ports and on argon2id), so callers run it off the I/O threads.
//
// Thread safety: all functions are const-safe to call concurrently if the ports are (they are).
// Lifetime: the ports must outlive the service.
class MemberService {
 public:
  struct Settings {
    // Login throttling limits (see throttle_policy.hpp).
    ThrottlePolicy throttle;
    // Lifetime of each refresh token (a refresh extends the session by issuing a new one).
    std::chrono::seconds refresh_ttl{14 * 24 * 3600};
    // The loginId that becomes ADMIN when it registers (EDA_MEMBER_BOOTSTRAP_ADMIN); empty: none.
    std::string bootstrap_admin_login_id;
    // How long an access token can stay usable after its issue: the access TTL plus the verifiers'
    // leeway. Revocations older than that revoke nothing any more and are no longer served.
    std::chrono::seconds access_token_horizon{900 + 30};
  };

  struct Ports {
    MemberRepository& members;
    RefreshTokenRepository& refresh_tokens;
    LoginThrottleStore& throttle;
    const PasswordHashing& passwords;
    const AccessTokenIssuer& access_tokens;
    const RefreshTokenCodec& refresh_codec;
    std::function<Clock::time_point()> clock = [] { return Clock::now(); };
  };

  // What login and refresh answer: the member, a new access token and a new refresh token.
  struct Session {
    Member member;
    AccessToken access;
    std::string refresh_token;
  };

  // Hashes a dummy password once, so that logins for unknown loginIds can spend the same argon2id
  // time as real ones. Throws std::runtime_error if that fails (start-up, out of memory).
  MemberService(Ports ports, Settings settings);

  // POST /member/users/registration from `client_address` (empty when unknown). Errors:
  // kInvalidRequest (fields), kForbidden (ADMIN role not allowed), kDuplicateLoginId,
  // kTooManyAttempts, kUnavailable/kInternal. A kDuplicateLoginId answer tells that a loginId
  // exists, so it counts as a failure of the address like a failed login, and an address locked by
  // either gets kTooManyAttempts before anything is looked up (throttle store down: kUnavailable).
  // Fresh and taken loginIds cost the same argon2id hash.
  MemberResult<Member> Register(const RegistrationInput& input, const Caller& caller,
                                std::string_view client_address) const;

  // PUT /member/users/{memberId}/modify. Errors: kUnauthenticated, kForbidden (not self, not admin),
  // kMemberNotFound, kInvalidRequest. Changing one's own password needs `current_password`
  // (missing → kInvalidRequest; wrong → kInvalidCredentials, counted and throttled like a failed
  // login → kTooManyAttempts); an admin changing another member's password does not. A password
  // change revokes every refresh token and every access token of the member (the caller's own
  // included: the client logs in again).
  MemberResult<Member> Modify(const Caller& caller, MemberId target, const ModificationInput& input) const;

  // GET /member/users/{loginId}/search-email. Errors: kUnauthenticated, kForbidden (also for a
  // missing member when the caller is not an admin), kMemberNotFound (admins only).
  MemberResult<Member> FindByLoginId(const Caller& caller, std::string_view login_id) const;

  // GET /member/sellers?ids=: the display names of the sellers among `ids`, for anyone (no token:
  // the shop shows them beside every product). Members that are not sellers and unknown ids are
  // left out alike, so the answer tells nothing about accounts that sell nothing, and it carries
  // the name only. Errors: kInvalidRequest (no id, more than kSellerLookupMaxIds distinct ids),
  // kUnavailable/kInternal.
  MemberResult<std::vector<SellerName>> SellerNames(std::vector<MemberId> ids) const;

  // POST /member/users/login from `client_address` (empty when unknown: then only the per-loginId
  // counter applies, never a shared "unknown address" bucket that would lock everyone). Unknown loginId and wrong password both give
  // kInvalidCredentials after the same argon2id work. Throttled → kTooManyAttempts with
  // retry_after. Throttle store down → kUnavailable (fail closed). Rehashes a password whose hash
  // was made with other parameters (best effort).
  MemberResult<Session> Login(const LoginInput& input, std::string_view client_address) const;

  // POST /member/tokens/refresh. Rotates: the presented token is spent, a new pair returned.
  // Errors: kInvalidRefreshToken (unknown, expired, revoked), kRefreshTokenReused (a spent token
  // again: the family and the member's access tokens are revoked), kMemberNotFound never (a vanished member → kInvalidRefreshToken).
  MemberResult<Session> Refresh(std::string_view refresh_token) const;

  // POST /member/logout: revokes the token's family and the member's access tokens. Unknown
  // tokens are accepted silently (idempotent; tells nothing).
  MemberResult<void> Logout(std::string_view refresh_token) const;

  // GET /member/internal/token-revocations: the token-version raises after `after_seq` (plus those
  // of the last kRevocationLookBack, which a reader may have passed while they were uncommitted),
  // no older than access_token_horizon, at most `limit`, by seq.
  static constexpr std::chrono::seconds kRevocationLookBack{10};
  MemberResult<std::vector<MemberRepository::TokenRevocation>> Revocations(std::int64_t after_seq,
                                                                          std::size_t limit) const;

 private:
  MemberResult<Session> StartSession(const MemberRepository::StoredMember& stored) const;
  // Revokes the refresh-token family of `token` and the member's access tokens.
  MemberResult<void> EndSession(const RefreshTokenRecord& token, Clock::time_point now) const;
  // Raises the member's token version: every access token issued so far stops being accepted.
  MemberResult<void> RevokeAccessTokens(MemberId member_id, Clock::time_point now) const;
  // Throttle check, verification and failure counting of a password the member types again.
  MemberResult<void> CheckCurrentPassword(const MemberRepository::StoredMember& stored,
                                          const std::optional<std::string>& password) const;
  MemberResult<void> RecordFailure(const std::string& login_key, std::string_view client_address) const;

  Ports ports_;
  Settings settings_;
  std::string dummy_hash_;
};

}  // namespace eda::member
