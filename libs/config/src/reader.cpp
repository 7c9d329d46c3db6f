#include "eda/config/reader.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <fstream>

namespace eda::config {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::optional<std::int64_t> ParseInt(std::string_view s) {
  std::int64_t v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || ptr != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

}  // namespace

Reader::Reader()
    : env_([](std::string_view key) -> std::optional<std::string> {
        // getenv needs a NUL-terminated name; keys are short, the copy is irrelevant at start-up.
        const char* v = std::getenv(std::string(key).c_str());
        if (v == nullptr) return std::nullopt;
        return std::string(v);
      }) {}

Reader::Reader(Lookup env) : env_(std::move(env)) {}

Status Reader::LoadFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Error::Permanent("config.file", "cannot read config file " + path);
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    std::string_view l = Trim(line);
    if (l.empty() || l.front() == '#') continue;
    auto eq = l.find('=');
    if (eq == std::string_view::npos || Trim(l.substr(0, eq)).empty()) {
      return Error::Permanent("config.file", path + ":" + std::to_string(line_no) + ": expected KEY=VALUE");
    }
    std::string_view key = Trim(l.substr(0, eq));
    std::string_view value = Trim(l.substr(eq + 1));
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front()) {
      value = value.substr(1, value.size() - 2);
    }
    file_values_[std::string(key)] = std::string(value);
  }
  return {};
}

Status Reader::LoadFileFromEnv() {
  auto path = env_("EDA_CONFIG_FILE");
  if (!path || path->empty()) return {};
  return LoadFile(*path);
}

std::optional<std::string> Reader::Direct(std::string_view key) const {
  if (auto v = env_(key)) return v;
  if (auto it = file_values_.find(key); it != file_values_.end()) return it->second;
  return std::nullopt;
}

std::optional<std::string> Reader::Raw(std::string_view key) {
  auto value = Direct(key);
  const std::string file_key = std::string(key) + "_FILE";
  auto path = Direct(file_key);
  if (!path || path->empty()) return value;
  if (value) {
    AddError(file_key, "is set together with " + std::string(key) + "; set only one of them");
    return std::nullopt;
  }
  // The message names the path, never the content: the file usually holds a secret.
  std::ifstream in(*path, std::ios::binary);
  if (!in) {
    AddError(file_key, "cannot read '" + *path + "'");
    return std::nullopt;
  }
  constexpr std::size_t kMaxFileValue = 1 << 20;
  std::string content(kMaxFileValue + 1, '\0');
  in.read(content.data(), static_cast<std::streamsize>(content.size()));
  if (in.bad()) {
    AddError(file_key, "cannot read '" + *path + "'");
    return std::nullopt;
  }
  content.resize(static_cast<std::size_t>(in.gcount()));
  if (content.size() > kMaxFileValue) {
    AddError(file_key, "'" + *path + "' is larger than 1 MiB");
    return std::nullopt;
  }
  while (!content.empty() && (content.back() == '\n' || content.back() == '\r')) content.pop_back();
  return content;
}

void Reader::AddError(std::string_view key, std::string_view message) {
  errors_.push_back(std::string(key) + ": " + std::string(message));
}

std::string Reader::GetString(std::string_view key, std::string_view def) {
  auto v = Raw(key);
  return v ? *v : std::string(def);
}

std::string Reader::RequireString(std::string_view key) {
  auto v = Raw(key);
  if (!v || v->empty()) {
    AddError(key, "is required but not set");
    return {};
  }
  return *v;
}

std::int64_t Reader::GetInt(std::string_view key, std::int64_t def, std::int64_t min, std::int64_t max) {
  auto v = Raw(key);
  if (!v) return def;
  auto parsed = ParseInt(Trim(*v));
  if (!parsed) {
    AddError(key, "expected an integer, got '" + *v + "'");
    return def;
  }
  if (*parsed < min || *parsed > max) {
    AddError(key, "value " + std::to_string(*parsed) + " out of range [" + std::to_string(min) + ", " +
                      std::to_string(max) + "]");
    return def;
  }
  return *parsed;
}

std::uint16_t Reader::GetPort(std::string_view key, std::uint16_t def, bool allow_zero) {
  auto v = Raw(key);
  if (!v) return def;
  auto parsed = ParseInt(Trim(*v));
  if (!parsed || *parsed < (allow_zero ? 0 : 1) || *parsed > 65535) {
    AddError(key, "expected a TCP port (" + std::string(allow_zero ? "0" : "1") + "..65535), got '" + *v + "'");
    return def;
  }
  return static_cast<std::uint16_t>(*parsed);
}

bool Reader::GetBool(std::string_view key, bool def) {
  auto v = Raw(key);
  if (!v) return def;
  std::string s = Lower(Trim(*v));
  if (s == "true" || s == "1" || s == "yes" || s == "on") return true;
  if (s == "false" || s == "0" || s == "no" || s == "off") return false;
  AddError(key, "expected a boolean (true/false, 1/0, yes/no, on/off), got '" + *v + "'");
  return def;
}

std::chrono::milliseconds Reader::GetDuration(std::string_view key, std::chrono::milliseconds def) {
  auto v = Raw(key);
  if (!v) return def;
  std::string_view s = Trim(*v);
  std::size_t digits = 0;
  while (digits < s.size() && std::isdigit(static_cast<unsigned char>(s[digits]))) ++digits;
  auto number = ParseInt(s.substr(0, digits));
  std::string unit = Lower(Trim(s.substr(digits)));
  std::int64_t factor = 0;
  if (unit.empty() || unit == "ms") factor = 1;
  else if (unit == "s") factor = 1000;
  else if (unit == "m") factor = 60'000;
  else if (unit == "h") factor = 3'600'000;
  if (!number || factor == 0) {
    AddError(key, "expected a duration like 250ms, 30s, 5m or 1h, got '" + *v + "'");
    return def;
  }
  return std::chrono::milliseconds(*number * factor);
}

std::vector<std::string> Reader::GetList(std::string_view key, std::string_view def) {
  auto v = Raw(key);
  std::string_view s = v ? std::string_view(*v) : def;
  std::vector<std::string> out;
  while (!s.empty()) {
    auto comma = s.find(',');
    std::string_view item = Trim(s.substr(0, comma));
    if (!item.empty()) out.emplace_back(item);
    if (comma == std::string_view::npos) break;
    s.remove_prefix(comma + 1);
  }
  return out;
}

Secret Reader::GetSecret(std::string_view key, std::string_view def) {
  auto v = Raw(key);
  return Secret(v ? *v : std::string(def));
}

Status Reader::Finish() const {
  if (errors_.empty()) return {};
  std::string msg = "invalid configuration (" + std::to_string(errors_.size()) + " problem" +
                    (errors_.size() == 1 ? "" : "s") + "):";
  for (const auto& e : errors_) msg += "\n  " + e;
  return Error::Permanent("config.invalid", msg);
}

}  // namespace eda::config
