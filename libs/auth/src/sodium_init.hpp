#pragma once

namespace eda::auth::detail {

// Initialises libsodium once per process (thread-safe); throws std::runtime_error if it cannot,
// which only happens on a broken system (no entropy source).
void EnsureSodium();

}  // namespace eda::auth::detail
