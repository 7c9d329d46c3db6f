#include "platform_env.hpp"

#include <cstdlib>
#include <random>
#include <stdexcept>
#include <sys/wait.h>

namespace eda::platform_test {

std::string EnvOr(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return (v != nullptr && *v != '\0') ? std::string(v) : fallback;
}

int PortEnvOr(const char* name, int fallback) {
  const std::string v = EnvOr(name, "");
  if (v.empty()) return fallback;
  std::size_t used = 0;
  const int port = std::stoi(v, &used);
  if (used != v.size() || port < 1 || port > 65535) {
    throw std::invalid_argument(std::string(name) + " is not a port: " + v);
  }
  return port;
}

std::string UniqueSuffix() {
  static constexpr char kHex[] = "0123456789abcdef";
  std::random_device rd;
  std::mt19937_64 gen(rd());
  std::string s;
  for (int i = 0; i < 10; ++i) s.push_back(kHex[gen() % 16]);
  return s;
}

bool CanDriveInfra() { return !EnvOr("EDA_ROOT", "").empty() && !EnvOr("EDA_PROFILE", "").empty(); }

int RunEda(const std::string& args) {
  // Values come from ./eda itself (a path and dev|test|ci), not from test input; quoted anyway.
  const std::string cmd = "'" + EnvOr("EDA_ROOT", ".") + "/eda' " + args + " --profile '" +
                          EnvOr("EDA_PROFILE", "test") + "' </dev/null";
  const int status = std::system(cmd.c_str());
  if (status == -1 || !WIFEXITED(status)) return -1;
  return WEXITSTATUS(status);
}

}  // namespace eda::platform_test
