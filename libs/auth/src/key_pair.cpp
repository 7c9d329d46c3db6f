#include "eda/auth/key_pair.hpp"

#include <sodium.h>

#include "sodium_init.hpp"

namespace eda::auth {

Ed25519KeyPair Ed25519KeyPair::Generate() {
  detail::EnsureSodium();
  unsigned char seed[crypto_sign_SEEDBYTES];
  randombytes_buf(seed, sizeof seed);
  unsigned char sk[crypto_sign_SECRETKEYBYTES];
  Ed25519KeyPair pair;
  crypto_sign_seed_keypair(pair.public_key.data(), sk, seed);
  pair.seed = SecretBytes({seed, sizeof seed});
  sodium_memzero(sk, sizeof sk);
  sodium_memzero(seed, sizeof seed);
  return pair;
}

std::string EncodeBase64(std::span<const std::uint8_t> bytes) {
  detail::EnsureSodium();
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);
  return out;
}

}  // namespace eda::auth
