#include "member/api/error_table.hpp"

namespace eda::member {
namespace {

// Problem types are URNs: stable identifiers, not documentation links that could rot.
constexpr ErrorMapping kInvalidRequest{400, "member.invalid_request", "urn:eda:problem:member:invalid-request",
                                       "The request is invalid"};
constexpr ErrorMapping kDuplicateLoginId{409, "member.duplicate_login_id",
                                         "urn:eda:problem:member:duplicate-login-id", "The loginId is already taken"};
constexpr ErrorMapping kInvalidCredentials{401, "member.invalid_credentials",
                                           "urn:eda:problem:member:invalid-credentials",
                                           "The loginId or the password is wrong"};
constexpr ErrorMapping kUnauthenticated{401, "member.unauthenticated", "urn:eda:problem:member:unauthenticated",
                                        "Authentication is required"};
constexpr ErrorMapping kForbidden{403, "member.forbidden", "urn:eda:problem:member:forbidden",
                                  "The caller may not access this member"};
constexpr ErrorMapping kMemberNotFound{404, "member.not_found", "urn:eda:problem:member:not-found",
                                       "No such member"};
constexpr ErrorMapping kTooManyAttempts{429, "member.too_many_attempts", "urn:eda:problem:member:too-many-attempts",
                                        "Too many failed login attempts"};
constexpr ErrorMapping kInvalidRefreshToken{401, "member.invalid_refresh_token",
                                            "urn:eda:problem:member:invalid-refresh-token",
                                            "The refresh token is not valid"};
constexpr ErrorMapping kRefreshTokenReused{401, "member.refresh_token_reused",
                                           "urn:eda:problem:member:refresh-token-reused",
                                           "The refresh token was reused; the session was revoked"};
constexpr ErrorMapping kUnavailable{503, "member.unavailable", "urn:eda:problem:member:unavailable",
                                    "A dependency is unavailable; retry later"};
constexpr ErrorMapping kInternal{500, "member.internal", "urn:eda:problem:member:internal",
                                 "Internal error"};

}  // namespace

const ErrorMapping& MapError(MemberErrc errc) noexcept {
  switch (errc) {
    case MemberErrc::kInvalidRequest: return kInvalidRequest;
    case MemberErrc::kDuplicateLoginId: return kDuplicateLoginId;
    case MemberErrc::kInvalidCredentials: return kInvalidCredentials;
    case MemberErrc::kUnauthenticated: return kUnauthenticated;
    case MemberErrc::kForbidden: return kForbidden;
    case MemberErrc::kMemberNotFound: return kMemberNotFound;
    case MemberErrc::kTooManyAttempts: return kTooManyAttempts;
    case MemberErrc::kInvalidRefreshToken: return kInvalidRefreshToken;
    case MemberErrc::kRefreshTokenReused: return kRefreshTokenReused;
    case MemberErrc::kUnavailable: return kUnavailable;
    case MemberErrc::kInternal: return kInternal;
  }
  return kInternal;
}

}  // namespace eda::member
