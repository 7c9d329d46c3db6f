#include "eda/auth/secret_bytes.hpp"

#include <sodium.h>

#include "sodium_init.hpp"

namespace eda::auth {

SecretBytes::SecretBytes(std::span<const std::uint8_t> bytes) : data_(bytes.begin(), bytes.end()) {}

SecretBytes::SecretBytes(const SecretBytes& other) : data_(other.data_) {}

// Moving a vector hands over its buffer, so no unwiped copy of the bytes is left behind.
SecretBytes::SecretBytes(SecretBytes&& other) noexcept : data_(std::move(other.data_)) { other.data_.clear(); }

SecretBytes& SecretBytes::operator=(const SecretBytes& other) {
  if (this != &other) {
    Wipe();
    data_ = other.data_;
  }
  return *this;
}

SecretBytes& SecretBytes::operator=(SecretBytes&& other) noexcept {
  if (this != &other) {
    Wipe();
    data_ = std::move(other.data_);
    other.data_.clear();
  }
  return *this;
}

SecretBytes::~SecretBytes() { Wipe(); }

void SecretBytes::Wipe() noexcept {
  // sodium_memzero is a plain memset that the compiler may not elide; it needs no sodium_init.
  if (!data_.empty()) sodium_memzero(data_.data(), data_.size());
  data_.clear();
}

void WipeString(std::string& s) noexcept {
  if (!s.empty()) sodium_memzero(s.data(), s.size());
  s.clear();
}

}  // namespace eda::auth
