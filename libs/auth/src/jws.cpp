#include "jws.hpp"

#include <sodium.h>

#include "sodium_init.hpp"

namespace eda::auth::detail {
namespace {

const unsigned char* Bytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

}  // namespace

std::string HmacSha256(std::span<const std::uint8_t> key, std::string_view message) {
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, key.data(), key.size());
  crypto_auth_hmacsha256_update(&state, Bytes(message), message.size());
  std::string mac(crypto_auth_hmacsha256_BYTES, '\0');
  crypto_auth_hmacsha256_final(&state, reinterpret_cast<unsigned char*>(mac.data()));
  sodium_memzero(&state, sizeof state);  // the state holds key-derived pads
  return mac;
}

std::string Ed25519Sign(std::span<const std::uint8_t> secret_key, std::string_view message) {
  std::string sig(crypto_sign_BYTES, '\0');
  crypto_sign_detached(reinterpret_cast<unsigned char*>(sig.data()), nullptr, Bytes(message), message.size(),
                       secret_key.data());
  return sig;
}

bool Ed25519Verify(const Ed25519PublicKey& public_key, std::string_view message, std::string_view signature) {
  if (signature.size() != crypto_sign_BYTES) return false;
  return crypto_sign_verify_detached(Bytes(signature), Bytes(message), message.size(), public_key.data()) == 0;
}

SecretBytes Ed25519SecretKeyFromSeed(std::span<const std::uint8_t> seed) {
  EnsureSodium();
  unsigned char pk[crypto_sign_PUBLICKEYBYTES];
  unsigned char sk[crypto_sign_SECRETKEYBYTES];
  crypto_sign_seed_keypair(pk, sk, seed.data());
  SecretBytes out({sk, sizeof sk});
  sodium_memzero(sk, sizeof sk);
  return out;
}

Ed25519PublicKey Ed25519PublicKeyFromSeed(std::span<const std::uint8_t> seed) {
  EnsureSodium();
  Ed25519PublicKey pk{};
  unsigned char sk[crypto_sign_SECRETKEYBYTES];
  crypto_sign_seed_keypair(pk.data(), sk, seed.data());
  sodium_memzero(sk, sizeof sk);
  return pk;
}

}  // namespace eda::auth::detail
