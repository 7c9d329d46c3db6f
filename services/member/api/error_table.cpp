#include "member/api/error_table.hpp"

namespace eda::member {
namespace {

// Problem types are URNs ("urn:eda:problem:<code>", the kernel's convention): stable identifiers,
// not documentation links that could rot. Codes shared with the kernel (validation_failed,
// unauthorized, forbidden, internal_error) mean the same thing as when the kernel answers itself.
constexpr ErrorMapping kInvalidRequest{400, "validation_failed", "urn:eda:problem:validation_failed",
                                       "The request is invalid"};
constexpr ErrorMapping kDuplicateLoginId{409, "duplicate_login_id", "urn:eda:problem:duplicate_login_id", "The loginId is already taken"};
constexpr ErrorMapping kInvalidCredentials{401, "invalid_credentials", "urn:eda:problem:invalid_credentials",
                                           "The loginId or the password is wrong"};
constexpr ErrorMapping kUnauthenticated{401, "unauthorized", "urn:eda:problem:unauthorized",
                                        "Authentication is required"};
constexpr ErrorMapping kForbidden{403, "forbidden", "urn:eda:problem:forbidden",
                                  "The caller may not access this member"};
constexpr ErrorMapping kMemberNotFound{404, "member_not_found", "urn:eda:problem:member_not_found",
                                       "No such member"};
constexpr ErrorMapping kTooManyAttempts{429, "too_many_attempts", "urn:eda:problem:too_many_attempts",
                                        "Too many failed attempts"};
constexpr ErrorMapping kInvalidRefreshToken{401, "invalid_refresh_token", "urn:eda:problem:invalid_refresh_token",
                                            "The refresh token is not valid"};
constexpr ErrorMapping kRefreshTokenReused{401, "refresh_token_reused", "urn:eda:problem:refresh_token_reused",
                                           "The refresh token was reused; the session was revoked"};
constexpr ErrorMapping kUnavailable{503, "service_unavailable", "urn:eda:problem:service_unavailable",
                                    "A dependency is unavailable; retry later"};
constexpr ErrorMapping kInternal{500, "internal_error", "urn:eda:problem:internal_error",
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
