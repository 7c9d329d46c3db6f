#pragma once

#include <array>
#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "eda/core/result.hpp"

namespace eda::member {

// Every expected failure of the member service. The api/ error table maps each one to an HTTP
// status and a stable wire code; adding an enumerator without a table entry fails a unit test.
enum class MemberErrc {
  kInvalidRequest,       // a field failed validation (see MemberError::fields)
  kDuplicateLoginId,     // registration with a loginId that already exists
  kInvalidCredentials,   // unknown loginId or wrong password (deliberately indistinguishable)
  kUnauthenticated,      // no or invalid access token where one is required
  kForbidden,            // authenticated, but not allowed (not self, not admin)
  kMemberNotFound,       // only reported to admins; others get kForbidden (no existence leak)
  kTooManyAttempts,      // login throttled; MemberError::retry_after says for how long
  kInvalidRefreshToken,  // unknown, expired or revoked refresh token
  kRefreshTokenReused,   // an already-rotated refresh token was presented: the family is revoked
  kUnavailable,          // a dependency (database, Redis) failed; retrying later may succeed
  kInternal,             // a bug or an unexpected state
};

inline constexpr std::array kAllMemberErrcs = {
    MemberErrc::kInvalidRequest,     MemberErrc::kDuplicateLoginId,    MemberErrc::kInvalidCredentials,
    MemberErrc::kUnauthenticated,    MemberErrc::kForbidden,           MemberErrc::kMemberNotFound,
    MemberErrc::kTooManyAttempts,    MemberErrc::kInvalidRefreshToken, MemberErrc::kRefreshTokenReused,
    MemberErrc::kUnavailable,        MemberErrc::kInternal,
};

// One invalid request field: `field` is the JSON name (camelCase), `code` a stable machine code
// (e.g. "too_short"), `message` a human sentence that never echoes a password.
struct FieldError {
  std::string field;
  std::string code;
  std::string message;

  bool operator==(const FieldError&) const = default;
};

// An expected failure of a member operation. `detail` is safe to return to the caller and to log;
// `cause` (the underlying infrastructure error, e.g. an sql.* code and message) is for logs only and
// never goes to the caller.
struct MemberError {
  MemberErrc code = MemberErrc::kInternal;
  std::string detail;
  std::vector<FieldError> fields;           // only for kInvalidRequest
  std::chrono::seconds retry_after{0};      // only for kTooManyAttempts; at least 1 s then
  std::string cause;

  static MemberError Of(MemberErrc code, std::string detail) { return MemberError{code, std::move(detail), {}, {}, {}}; }
  static MemberError Invalid(std::vector<FieldError> fields) {
    return MemberError{MemberErrc::kInvalidRequest, "the request has invalid fields", std::move(fields), {}, {}};
  }
  static MemberError Throttled(std::chrono::seconds retry_after) {
    return MemberError{MemberErrc::kTooManyAttempts,
                       "too many failed attempts (logins, or registrations of taken loginIds); try again later", {},
                       retry_after, {}};
  }
  // An infrastructure failure: kUnavailable when `error` is retryable, else kInternal.
  static MemberError FromInfrastructure(const eda::Error& error) {
    const MemberErrc code = error.retryable ? MemberErrc::kUnavailable : MemberErrc::kInternal;
    return MemberError{code, error.retryable ? "a dependency is unavailable; retry later" : "internal error", {}, {},
                       error.code + ": " + error.message};
  }
};

template <class T>
using MemberResult = eda::Result<T, MemberError>;

}  // namespace eda::member
