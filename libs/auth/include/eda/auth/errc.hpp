#pragma once

#include <string_view>

// Stable error codes produced by eda::auth. Services map them to HTTP answers (all token failures
// are 401 to the caller; the code goes to logs and metrics). None of them is retryable: the same
// token fails the same way until it is replaced.
namespace eda::auth::errc {

inline constexpr std::string_view kMalformed = "auth.malformed";          // not three base64url parts, bad JSON, bad claim types
inline constexpr std::string_view kBadSignature = "auth.bad_signature";   // signature does not match the configured key
inline constexpr std::string_view kExpired = "auth.expired";              // now >= exp + leeway
inline constexpr std::string_view kNotYetValid = "auth.not_yet_valid";    // now + leeway < nbf (or iat)
inline constexpr std::string_view kWrongAudience = "auth.wrong_audience"; // aud does not contain the configured audience
inline constexpr std::string_view kWrongIssuer = "auth.wrong_issuer";     // iss differs from the configured issuer
inline constexpr std::string_view kUnsupportedAlg = "auth.unsupported_alg";  // alg none, or not the configured one
inline constexpr std::string_view kWrongTokenUse = "auth.wrong_token_use";   // token_use is not "access"
inline constexpr std::string_view kRevoked = "auth.revoked";              // ver below the member's minimum (logout, password change)
inline constexpr std::string_view kRevocationsUnknown = "auth.revocations_unknown";  // the revocations were never loaded
inline constexpr std::string_view kConfig = "auth.config";                // settings invalid (start-up only)
inline constexpr std::string_view kHashFailed = "auth.hash_failed";       // password hashing ran out of memory

}  // namespace eda::auth::errc
