#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "eda/config/reader.hpp"
#include "eda/config/secret.hpp"

namespace eda::toss {

// The Toss client's settings; every field has a working default.
struct Settings {
  // EDA_TOSS_API_URL. Default: https://api.tosspayments.com when EDA_TOSS_SECRET_KEY is a key of a
  // real Toss account, else the local sandbox (ApiUrl, UsesLocalSandbox, docs/SAGA.md).
  std::string base_url = "https://api.tosspayments.com";
  // EDA_TOSS_SECRET_KEY (Basic auth user). Default: the public docs widget test key. Never logged.
  config::Secret secret_key{std::string("test_gsk_docs_OaPz8L5KdmQXkzRz3y47BMw6")};
  // EDA_TOSS_TIMEOUT: deadline of one confirm/cancel call (reference §8: read timeout ≥ 60 s).
  std::chrono::milliseconds post_timeout{std::chrono::seconds(60)};
  // EDA_TOSS_LOOKUP_TIMEOUT: deadline of one lookup.
  std::chrono::milliseconds lookup_timeout{std::chrono::seconds(10)};
  // Sent as Accept-Language; "en-US" gives English method names and messages.
  std::string accept_language = "ko-KR";

  // Reads the variables above; errors are collected in `r` (call r.Finish()).
  static Settings Load(config::Reader& r);

  // EDA_TOSS_API_URL if set; else, for a sandbox key, the sandbox's EDA_TOSS_SANDBOX_URL (which ./eda
  // exports; default the dev profile's sandbox), else https://api.tosspayments.com. Every service
  // that talks to Toss or sends buyers to its window takes its base URL from here.
  static std::string ApiUrl(config::Reader& r);

  // True for no key or one of the public docs test keys, which only the local sandbox answers for
  // us (no machine here reaches Toss). Every service decides "sandbox or Toss" with this one rule.
  static bool UsesLocalSandbox(std::string_view secret_key);
};

}  // namespace eda::toss
