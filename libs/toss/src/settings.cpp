#include "eda/toss/settings.hpp"

namespace eda::toss {

Settings Settings::Load(config::Reader& r) {
  Settings s;
  config::Secret given = r.GetSecret("EDA_TOSS_SECRET_KEY", "");
  const bool explicit_key = !given.Reveal().empty();
  if (explicit_key) s.secret_key = std::move(given);
  // Without a real key the sandbox is the only API that accepts the docs key offline (docs/SAGA.md).
  const std::string default_url = explicit_key ? "https://api.tosspayments.com" : "http://127.0.0.1:8090";
  s.base_url = r.GetString("EDA_TOSS_API_URL", default_url);
  while (!s.base_url.empty() && s.base_url.back() == '/') s.base_url.pop_back();
  if (s.base_url.rfind("http://", 0) != 0 && s.base_url.rfind("https://", 0) != 0) {
    r.AddError("EDA_TOSS_API_URL", "must start with http:// or https://");
  }
  s.post_timeout = r.GetDuration("EDA_TOSS_TIMEOUT", s.post_timeout);
  s.lookup_timeout = r.GetDuration("EDA_TOSS_LOOKUP_TIMEOUT", s.lookup_timeout);
  s.accept_language = r.GetString("EDA_TOSS_ACCEPT_LANGUAGE", s.accept_language);
  return s;
}

}  // namespace eda::toss
