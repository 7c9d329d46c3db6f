#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "eda/config/secret.hpp"
#include "eda/core/result.hpp"

namespace eda::config {

// Reads typed settings from the environment (and optionally a key=value file), collecting every
// problem instead of stopping at the first, so a misconfigured service reports all its mistakes in
// one start attempt. Lookup order for a key: environment, then file, then the default given.
//
//   eda::config::Reader r;                       // process environment
//   auto port  = r.GetPort("EDA_HTTP_PORT", 8085);
//   auto pass  = r.GetSecret("EDA_MYSQL_PASSWORD", "1234");
//   if (auto st = r.Finish(); !st.ok()) { std::cerr << st.error().message; return 2; }
//
// Every Get* returns the default when the key is absent and records an error (naming the key and the
// bad value, except for secrets) when the value does not parse; the returned value is then the
// default, so callers can keep reading and report everything at Finish(). Not thread-safe.
//
// Every key also has a file variant, `<KEY>_FILE`: when it is set (environment, then file) the value
// is the content of the file it names, with trailing "\n"/"\r\n" removed. That keeps secrets off
// command lines and out of the environment (`./eda` hands each service its MariaDB password this
// way). Setting both KEY and KEY_FILE, an unreadable file and a file over 1 MiB are errors naming
// KEY_FILE and the path, never the content.
class Reader {
 public:
  // Looks a key up; returns nullopt when unset. Injected by tests; defaults to std::getenv.
  using Lookup = std::function<std::optional<std::string>(std::string_view key)>;

  Reader();
  explicit Reader(Lookup env);

  // Adds a key=value file (lines "KEY=VALUE", '#' comments, blank lines ignored; surrounding spaces
  // and one pair of quotes around the value are stripped). Values from the environment win. Returns
  // an error (code "config.file") when the file cannot be read or a line is malformed.
  Status LoadFile(const std::string& path);
  // LoadFile(value of EDA_CONFIG_FILE) when that variable is set; ok (nothing loaded) otherwise.
  Status LoadFileFromEnv();

  std::string GetString(std::string_view key, std::string_view def);
  // Like GetString but records an error when the key is unset or empty.
  std::string RequireString(std::string_view key);
  std::int64_t GetInt(std::string_view key, std::int64_t def, std::int64_t min = INT64_MIN,
                      std::int64_t max = INT64_MAX);
  // A TCP port: 1..65535 (0 allowed only when allow_zero: "pick an ephemeral port").
  std::uint16_t GetPort(std::string_view key, std::uint16_t def, bool allow_zero = false);
  // true/false, 1/0, yes/no, on/off (case-insensitive).
  bool GetBool(std::string_view key, bool def);
  // A duration with a unit suffix: "250ms", "30s", "5m", "1h"; a bare number means milliseconds.
  std::chrono::milliseconds GetDuration(std::string_view key, std::chrono::milliseconds def);
  // Comma-separated list; spaces around items are trimmed; empty items dropped.
  std::vector<std::string> GetList(std::string_view key, std::string_view def);
  // A secret: never echoed in error messages.
  Secret GetSecret(std::string_view key, std::string_view def);

  // Records a custom validation error (for cross-field rules), e.g. AddError("EDA_X", "must be < EDA_Y").
  void AddError(std::string_view key, std::string_view message);

  // Ok when no error was recorded; otherwise an Error (code "config.invalid") whose message lists
  // every problem, one per line, each starting with the variable name.
  Status Finish() const;
  const std::vector<std::string>& errors() const noexcept { return errors_; }

 private:
  // The value of `key`: KEY itself, else the content of the file KEY_FILE names (errors recorded).
  std::optional<std::string> Raw(std::string_view key);
  // KEY from the environment, then from the loaded file; no _FILE variant.
  std::optional<std::string> Direct(std::string_view key) const;

  Lookup env_;
  std::map<std::string, std::string, std::less<>> file_values_;
  std::vector<std::string> errors_;
};

}  // namespace eda::config
