#include "eda/http/server_settings.hpp"

namespace eda::http {

ServerSettings ServerSettings::Load(config::Reader& r, std::string service_name, std::uint16_t default_port) {
  ServerSettings d;
  ServerSettings s;
  s.service_name = std::move(service_name);
  s.address = r.GetString("EDA_HTTP_ADDRESS", d.address);
  s.port = r.GetPort("EDA_HTTP_PORT", default_port, /*allow_zero=*/true);
  s.io_threads = static_cast<int>(r.GetInt("EDA_HTTP_IO_THREADS", d.io_threads, 1, 256));
  s.header_limit = static_cast<std::size_t>(r.GetInt("EDA_HTTP_HEADER_LIMIT", static_cast<std::int64_t>(d.header_limit), 1024, 1 << 20));
  s.body_limit = static_cast<std::size_t>(r.GetInt("EDA_HTTP_BODY_LIMIT", static_cast<std::int64_t>(d.body_limit), 0, 1LL << 30));
  s.header_timeout = r.GetDuration("EDA_HTTP_HEADER_TIMEOUT", d.header_timeout);
  s.body_timeout = r.GetDuration("EDA_HTTP_BODY_TIMEOUT", d.body_timeout);
  s.write_timeout = r.GetDuration("EDA_HTTP_WRITE_TIMEOUT", d.write_timeout);
  s.shutdown_timeout = r.GetDuration("EDA_HTTP_SHUTDOWN_TIMEOUT", d.shutdown_timeout);
  s.access_log = r.GetBool("EDA_HTTP_ACCESS_LOG", d.access_log);
  s.cors.allowed_origins = r.GetList("EDA_CORS_ORIGINS", "");
  // A token file written by a shell or an editor ends with a newline that is no part of the token.
  std::string token = r.GetSecret("EDA_METRICS_TOKEN", "").Reveal();
  while (!token.empty() && (token.back() == '\n' || token.back() == '\r' || token.back() == ' ')) token.pop_back();
  s.metrics_token = config::Secret(std::move(token));
  for (auto* t : {&s.header_timeout, &s.body_timeout, &s.write_timeout}) {
    if (t->count() <= 0) r.AddError("EDA_HTTP_*_TIMEOUT", "timeouts must be positive");
  }
  return s;
}

}  // namespace eda::http
