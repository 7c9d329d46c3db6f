#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "eda/config/reader.hpp"
#include "eda/config/secret.hpp"
#include "toss-sandbox/domain/fault_injector.hpp"

namespace eda::toss_sandbox {

// The public docs test secret keys (reference §1), always accepted.
const std::vector<std::string>& DocsTestSecretKeys();

// Everything the sandbox needs besides the HTTP server settings; every field has a working default.
struct SandboxSettings {
  // Secret keys accepted in Basic auth besides DocsTestSecretKeys(): EDA_TOSS_SECRET_KEY (a comma list).
  std::vector<config::Secret> extra_secret_keys;
  // Where PAYMENT_STATUS_CHANGED webhooks go (EDA_TOSS_WEBHOOK_URL); empty: webhooks off.
  std::string webhook_url;
  // Factor on the documented retry schedule 1, 4, 16, 64, 256, 1024, 4096 minutes
  // (EDA_TOSS_WEBHOOK_TIME_SCALE; 0.001 turns minutes into 60 ms steps).
  double webhook_time_scale = 1.0;
  // Deadline of one webhook delivery attempt (the real sender waits 10 s): EDA_TOSS_WEBHOOK_TIMEOUT.
  std::chrono::milliseconds webhook_timeout{std::chrono::seconds(10)};
  // Authenticated payments not confirmed in time become EXPIRED (EDA_TOSS_CONFIRM_WINDOW, 10m).
  std::chrono::milliseconds confirm_window{std::chrono::minutes(10)};
  // How often overdue payments are expired in the background (EDA_TOSS_SWEEP_INTERVAL, 1s).
  std::chrono::milliseconds sweep_interval{std::chrono::seconds(1)};
  // Idempotency-Key lifetime (EDA_TOSS_IDEMPOTENCY_TTL, 15 days as documented).
  std::chrono::milliseconds idempotency_ttl{std::chrono::hours(24 * 15)};
  // Faults on /v1 calls: EDA_TOSS_LATENCY (duration), EDA_TOSS_ERROR_5XX_RATE, EDA_TOSS_PROCESSED_5XX_RATE,
  // EDA_TOSS_TIMEOUT_RATE (0..1), EDA_TOSS_TIMEOUT_HANG (duration), EDA_TOSS_SEED (also seeds keys).
  FaultSettings faults;

  // Reads the variables above; errors are collected in `r` (call r.Finish()).
  static SandboxSettings Load(config::Reader& r);
};

}  // namespace eda::toss_sandbox
