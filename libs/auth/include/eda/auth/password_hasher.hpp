#pragma once

#include <string>
#include <string_view>

#include "eda/core/result.hpp"

namespace eda::auth {

// Named argon2id cost presets (libsodium crypto_pwhash).
enum class PasswordCost {
  kInteractive,  // OPSLIMIT/MEMLIMIT_INTERACTIVE: 64 MiB, ~2 passes; default for logins
  kModerate,     // OPSLIMIT/MEMLIMIT_MODERATE: 256 MiB, ~0.5-1 s; for high-value accounts
  kTestOnlyFast, // minimum cost (8 KiB, 1 pass); unit tests only, never in production
};

// Hashes and checks passwords with argon2id. The stored string ("$argon2id$v=19$m=...,t=...,p=1$
// <salt>$<hash>") carries a random per-password salt and the parameters, so a change of preset
// is detected by NeedsRehash and old hashes keep verifying. Thread-safe (no mutable state); each
// call allocates the preset's memory and takes its CPU time, so keep it off I/O threads.
class PasswordHasher {
 public:
  explicit PasswordHasher(PasswordCost cost = PasswordCost::kInteractive) noexcept;

  // The encoded hash of `password`. Fails (auth.hash_failed) only when the memory cannot be had.
  Result<std::string> Hash(std::string_view password) const;

  // True when `password` matches `stored`. Constant time in the password; false for a malformed
  // or non-argon2id `stored`.
  bool Verify(std::string_view stored, std::string_view password) const;

  // True when `stored` was made with other parameters than this hasher's preset (or is not a
  // valid argon2id string): rehash after a successful Verify.
  bool NeedsRehash(std::string_view stored) const;

 private:
  unsigned long long opslimit_;
  std::size_t memlimit_;
};

}  // namespace eda::auth
