#include "sodium_init.hpp"

#include <sodium.h>

#include <stdexcept>

namespace eda::auth::detail {

void EnsureSodium() {
  // A function-local static makes the first call race-free; sodium_init is idempotent anyway.
  static const bool ok = sodium_init() >= 0;
  if (!ok) throw std::runtime_error("libsodium initialisation failed");
}

}  // namespace eda::auth::detail
