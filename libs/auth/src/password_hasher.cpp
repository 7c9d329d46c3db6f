#include "eda/auth/password_hasher.hpp"

#include <sodium.h>

#include <string>

#include "eda/auth/errc.hpp"
#include "sodium_init.hpp"

namespace eda::auth {

PasswordHasher::PasswordHasher(PasswordCost cost) noexcept {
  switch (cost) {
    case PasswordCost::kInteractive:
      opslimit_ = crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE;
      memlimit_ = crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE;
      break;
    case PasswordCost::kModerate:
      opslimit_ = crypto_pwhash_argon2id_OPSLIMIT_MODERATE;
      memlimit_ = crypto_pwhash_argon2id_MEMLIMIT_MODERATE;
      break;
    case PasswordCost::kTestOnlyFast:
      opslimit_ = crypto_pwhash_argon2id_OPSLIMIT_MIN;
      memlimit_ = crypto_pwhash_argon2id_MEMLIMIT_MIN;
      break;
  }
}

Result<std::string> PasswordHasher::Hash(std::string_view password) const {
  detail::EnsureSodium();
  char out[crypto_pwhash_argon2id_STRBYTES];
  if (crypto_pwhash_argon2id_str(out, password.data(), password.size(), opslimit_, memlimit_) != 0) {
    return Error::Transient(std::string(errc::kHashFailed), "argon2id could not allocate its memory");
  }
  return std::string(out);
}

bool PasswordHasher::Verify(std::string_view stored, std::string_view password) const {
  detail::EnsureSodium();
  // libsodium wants a NUL-terminated string and only argon2id strings are accepted by the
  // argon2id-specific call, so an argon2i or foreign hash never verifies.
  const std::string encoded(stored);
  if (encoded.size() >= crypto_pwhash_argon2id_STRBYTES) return false;
  return crypto_pwhash_argon2id_str_verify(encoded.c_str(), password.data(), password.size()) == 0;
}

bool PasswordHasher::NeedsRehash(std::string_view stored) const {
  detail::EnsureSodium();
  const std::string encoded(stored);
  // 0: same parameters; 1: different; -1: not a valid argon2id string (also worth replacing).
  return crypto_pwhash_argon2id_str_needs_rehash(encoded.c_str(), opslimit_, memlimit_) != 0;
}

}  // namespace eda::auth
