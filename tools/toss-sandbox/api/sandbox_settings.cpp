#include "toss-sandbox/api/sandbox_settings.hpp"

#include <charconv>
#include <sstream>

namespace eda::toss_sandbox {

const std::vector<std::string>& DocsTestSecretKeys() {
  static const std::vector<std::string> kKeys = {
      "test_gsk_docs_OaPz8L5KdmQXkzRz3y47BMw6",  // widget secret key of the docs
      "test_sk_zXLkKEypNArWmo50nX3lmeaxYG5R",    // API-individual secret key of the docs
      "test_sk_aBX7zk2yd8yoXwoJ0gqVx9POLqKQ",    // the sample app's BrandPay secret key
  };
  return kKeys;
}

namespace {

double GetDouble(config::Reader& r, std::string_view key, double def, double min, double max) {
  const std::string text = r.GetString(key, "");
  if (text.empty()) return def;
  double v = 0;
  std::istringstream in(text);
  in >> v;
  if (in.fail() || !in.eof() || v < min || v > max) {
    r.AddError(key, "must be a number in [" + std::to_string(min) + ", " + std::to_string(max) + "]");
    return def;
  }
  return v;
}

}  // namespace

SandboxSettings SandboxSettings::Load(config::Reader& r) {
  SandboxSettings s;
  const config::Secret keys = r.GetSecret("EDA_TOSS_SECRET_KEY", "");
  std::string_view rest = keys.Reveal();
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    std::string_view item = rest.substr(0, comma);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (!item.empty()) s.extra_secret_keys.emplace_back(std::string(item));
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
  }
  s.webhook_url = r.GetString("EDA_TOSS_WEBHOOK_URL", "");
  if (!s.webhook_url.empty() && s.webhook_url.rfind("http://", 0) != 0 && s.webhook_url.rfind("https://", 0) != 0) {
    r.AddError("EDA_TOSS_WEBHOOK_URL", "must be an http:// or https:// URL");
  }
  s.webhook_time_scale = GetDouble(r, "EDA_TOSS_WEBHOOK_TIME_SCALE", s.webhook_time_scale, 0.0, 1000.0);
  s.webhook_timeout = r.GetDuration("EDA_TOSS_WEBHOOK_TIMEOUT", s.webhook_timeout);
  s.confirm_window = r.GetDuration("EDA_TOSS_CONFIRM_WINDOW", s.confirm_window);
  s.sweep_interval = r.GetDuration("EDA_TOSS_SWEEP_INTERVAL", s.sweep_interval);
  s.idempotency_ttl = r.GetDuration("EDA_TOSS_IDEMPOTENCY_TTL", s.idempotency_ttl);
  s.faults.latency = r.GetDuration("EDA_TOSS_LATENCY", s.faults.latency);
  s.faults.error_5xx_rate = GetDouble(r, "EDA_TOSS_ERROR_5XX_RATE", 0, 0, 1);
  s.faults.processed_5xx_rate = GetDouble(r, "EDA_TOSS_PROCESSED_5XX_RATE", 0, 0, 1);
  s.faults.timeout_rate = GetDouble(r, "EDA_TOSS_TIMEOUT_RATE", 0, 0, 1);
  s.faults.hang = r.GetDuration("EDA_TOSS_TIMEOUT_HANG", s.faults.hang);
  s.faults.seed = static_cast<std::uint64_t>(r.GetInt("EDA_TOSS_SEED", 1, 0));
  if (s.faults.error_5xx_rate + s.faults.processed_5xx_rate + s.faults.timeout_rate > 1.0) {
    r.AddError("EDA_TOSS_ERROR_5XX_RATE", "the three fault rates must add up to at most 1");
  }
  if (s.confirm_window.count() < 1) r.AddError("EDA_TOSS_CONFIRM_WINDOW", "must be positive");
  if (s.sweep_interval.count() < 1) r.AddError("EDA_TOSS_SWEEP_INTERVAL", "must be positive");
  if (s.idempotency_ttl.count() < 1) r.AddError("EDA_TOSS_IDEMPOTENCY_TTL", "must be positive");
  if (s.webhook_timeout.count() < 1) r.AddError("EDA_TOSS_WEBHOOK_TIMEOUT", "must be positive");
  return s;
}

}  // namespace eda::toss_sandbox
