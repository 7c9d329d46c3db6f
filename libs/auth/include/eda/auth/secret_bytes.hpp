#pragma once

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <span>
#include <string>
#include <vector>

namespace eda::auth {

// Owns secret key material (a signing seed, an HMAC secret). The bytes are wiped (sodium_memzero)
// when the object is destroyed or assigned over; copies are independent and wiped too. Streaming
// it prints "<redacted>", and there is no formatter, so it cannot leak into a log by accident.
// Not thread-safe for mutation; const access from several threads is fine.
class SecretBytes {
 public:
  SecretBytes() = default;
  explicit SecretBytes(std::span<const std::uint8_t> bytes);
  SecretBytes(const SecretBytes& other);
  SecretBytes(SecretBytes&& other) noexcept;
  SecretBytes& operator=(const SecretBytes& other);
  SecretBytes& operator=(SecretBytes&& other) noexcept;
  ~SecretBytes();

  std::span<const std::uint8_t> bytes() const noexcept { return {data_.data(), data_.size()}; }
  std::size_t size() const noexcept { return data_.size(); }
  bool empty() const noexcept { return data_.empty(); }

  friend std::ostream& operator<<(std::ostream& os, const SecretBytes&) { return os << "<redacted>"; }

 private:
  void Wipe() noexcept;
  std::vector<std::uint8_t> data_;
};

// Overwrites the characters of `s` with zeros (not optimised away), then clears it. For temporary
// strings that held a secret (a base64 key read from the environment, a line written to a file).
void WipeString(std::string& s) noexcept;

}  // namespace eda::auth
