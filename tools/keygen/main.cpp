// eda-keygen: prints a new Ed25519 key pair for JWT signing as environment lines
//   EDA_JWT_SIGNING_KEY=<base64 seed>
//   EDA_JWT_PUBLIC_KEY=<base64 public key>
// With --env-file PATH the lines go to PATH instead (created with mode 0600; an existing file is
// left alone unless --force), so `./eda up` can create dev keys on first start.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <string>
#include <string_view>

#include "eda/auth/key_pair.hpp"
#include "eda/auth/secret_bytes.hpp"

namespace {

constexpr std::string_view kUsage =
    "usage: eda-keygen [--env-file PATH [--force]]\n"
    "  Prints EDA_JWT_SIGNING_KEY=... and EDA_JWT_PUBLIC_KEY=... for a new Ed25519 key pair.\n"
    "  --env-file PATH  write the lines to PATH (mode 0600) instead of standard output;\n"
    "                   exits with status 3 if PATH exists\n"
    "  --force          overwrite an existing PATH\n";

int WriteFile(const std::string& path, const std::string& text, bool force) {
  const int flags = O_WRONLY | O_CREAT | O_CLOEXEC | (force ? O_TRUNC : O_EXCL);
  const int fd = ::open(path.c_str(), flags, 0600);
  if (fd < 0) {
    std::cerr << "eda-keygen: " << path << ": " << std::strerror(errno) << "\n";
    return errno == EEXIST ? 3 : 1;
  }
  // An existing file opened with --force keeps its old mode; the key file must not be readable by others.
  if (::fchmod(fd, 0600) != 0) {
    std::cerr << "eda-keygen: chmod " << path << ": " << std::strerror(errno) << "\n";
    ::close(fd);
    return 1;
  }
  std::string_view rest = text;
  while (!rest.empty()) {
    const ssize_t n = ::write(fd, rest.data(), rest.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      std::cerr << "eda-keygen: write " << path << ": " << std::strerror(errno) << "\n";
      ::close(fd);
      return 1;
    }
    rest.remove_prefix(static_cast<std::size_t>(n));
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    std::cerr << "eda-keygen: " << path << ": " << std::strerror(errno) << "\n";
    return 1;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string env_file;
  bool force = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--env-file" && i + 1 < argc) {
      env_file = argv[++i];
    } else if (arg.starts_with("--env-file=")) {
      env_file = std::string(arg.substr(11));
    } else if (arg == "--force") {
      force = true;
    } else if (arg == "-h" || arg == "--help") {
      std::cout << kUsage;
      return 0;
    } else {
      std::cerr << "eda-keygen: unknown argument '" << arg << "'\n" << kUsage;
      return 2;
    }
  }

  auto pair = eda::auth::Ed25519KeyPair::Generate();
  std::string seed = eda::auth::EncodeBase64(pair.seed.bytes());
  std::string text = "EDA_JWT_SIGNING_KEY=" + seed + "\nEDA_JWT_PUBLIC_KEY=" + eda::auth::EncodeBase64(pair.public_key) + "\n";
  eda::auth::WipeString(seed);

  int rc = 0;
  if (env_file.empty()) {
    std::cout << text << std::flush;
    rc = std::cout ? 0 : 1;
  } else {
    rc = WriteFile(env_file, text, force);
    if (rc == 0) std::cerr << "eda-keygen: wrote " << env_file << " (mode 0600)\n";
  }
  eda::auth::WipeString(text);
  return rc;
}
