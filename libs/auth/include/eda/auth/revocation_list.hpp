#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <span>

#include "eda/auth/clock.hpp"

namespace eda::auth {

// The access tokens the member service has revoked, as every verifying service sees them: per
// member, the lowest token version (`ver` claim) still valid. The member service raises a member's
// version on logout, password change and refresh-family revocation and records each raise as an
// Entry numbered by `seq`; a service feeds those entries in (libs/service RevocationFeed) and
// checks every verified token against them.
//
// An entry is forgotten `keep` after it was applied: by then every token issued before the raise
// has expired (keep = access TTL + leeway), so forgetting it re-admits nothing.
//
// Until the first Apply the list cannot tell a revoked token from a valid one and answers
// kNotLoaded (fail closed). After that it answers from what it holds, also while its feed cannot
// reach the member service: revocations are made by the member service only, so while it is
// unreachable none are missed beyond the last poll.
//
// Thread safety: every function may be called concurrently (Check takes a shared lock).
class RevocationList {
 public:
  struct Entry {
    std::int64_t seq = 0;          // the member service's number of this raise (increasing)
    std::int64_t member_id = 0;
    std::int64_t min_version = 0;  // tokens of member_id with ver < min_version are revoked
  };
  enum class Verdict { kValid, kRevoked, kNotLoaded };

  explicit RevocationList(std::chrono::seconds keep, Clock clock = SystemClock());
  RevocationList(const RevocationList&) = delete;
  RevocationList& operator=(const RevocationList&) = delete;
  ~RevocationList();

  // Adds `entries` (in any order, repeats harmless: the highest min_version per member wins),
  // forgets entries older than `keep`, advances cursor() to the highest seq seen and marks the
  // list loaded (also when `entries` is empty).
  void Apply(std::span<const Entry> entries);

  // The highest seq applied so far (0 before any): where the next poll continues.
  std::int64_t cursor() const;
  bool loaded() const;

  // Whether a token of `member_id` with `token_version` is still valid.
  Verdict Check(std::int64_t member_id, std::int64_t token_version) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace eda::auth
