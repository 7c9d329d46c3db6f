#include "eda/toss/settings.hpp"

#include "eda/topology/ports.hpp"

namespace eda::toss {

Settings Settings::Load(config::Reader& r) {
  Settings s;
  config::Secret given = r.GetSecret("EDA_TOSS_SECRET_KEY", "");
  s.base_url = ApiUrl(r);
  while (!s.base_url.empty() && s.base_url.back() == '/') s.base_url.pop_back();
  if (s.base_url.rfind("http://", 0) != 0 && s.base_url.rfind("https://", 0) != 0) {
    r.AddError("EDA_TOSS_API_URL", "must start with http:// or https://");
  }
  s.post_timeout = r.GetDuration("EDA_TOSS_TIMEOUT", s.post_timeout);
  s.lookup_timeout = r.GetDuration("EDA_TOSS_LOOKUP_TIMEOUT", s.lookup_timeout);
  s.accept_language = r.GetString("EDA_TOSS_ACCEPT_LANGUAGE", s.accept_language);
  if (!given.Reveal().empty()) s.secret_key = std::move(given);
  return s;
}

std::string Settings::ApiUrl(config::Reader& r) {
  const bool sandbox = UsesLocalSandbox(r.GetSecret("EDA_TOSS_SECRET_KEY", "").Reveal());
  const std::string default_url =
      sandbox ? r.GetString("EDA_TOSS_SANDBOX_URL", topology::LocalUrl(topology::kTossSandboxPort))
              : "https://api.tosspayments.com";
  return r.GetString("EDA_TOSS_API_URL", default_url);
}

bool Settings::UsesLocalSandbox(std::string_view secret_key) {
  return secret_key.empty() || secret_key.starts_with("test_gsk_docs_") ||
         secret_key == "test_sk_zXLkKEypNArWmo50nX3lmeaxYG5R" || secret_key == "test_sk_aBX7zk2yd8yoXwoJ0gqVx9POLqKQ";
}

}  // namespace eda::toss
