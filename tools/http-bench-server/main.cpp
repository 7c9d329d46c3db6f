// A minimal service on libs/http for the HTTP benchmark (bench/http.sh): one small JSON GET route,
// plus the built-in routes. Stops on SIGTERM/SIGINT.
//   eda-http-bench-server [--address 127.0.0.1] [--port 18080] [--threads 1] [--access-log on|off]
#include <charconv>
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include "eda/http/server.hpp"
#include "eda/log/log.hpp"

namespace {

int Usage() {
  std::cerr << "usage: eda-http-bench-server [--address A] [--port N] [--threads N] [--access-log on|off]\n";
  return 2;
}

bool ParseInt(std::string_view s, int& out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc{} && p == s.data() + s.size();
}

}  // namespace

int main(int argc, char** argv) {
  eda::http::ServerSettings settings;
  settings.service_name = "http-bench";
  settings.address = "127.0.0.1";
  settings.port = 18080;
  settings.access_log = false;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (i + 1 >= argc) return Usage();
    std::string_view value = argv[++i];
    int n = 0;
    if (arg == "--address") {
      settings.address = std::string(value);
    } else if (arg == "--port" && ParseInt(value, n) && n >= 0 && n <= 65535) {
      settings.port = static_cast<std::uint16_t>(n);
    } else if (arg == "--threads" && ParseInt(value, n) && n >= 1) {
      settings.io_threads = n;
    } else if (arg == "--access-log" && (value == "on" || value == "off")) {
      settings.access_log = value == "on";
    } else {
      return Usage();
    }
  }
  if (auto st = eda::log::Init("http-bench"); !st.ok()) std::cerr << st.error().message << "\n";

  eda::http::Router router;
  router.Get("/bench/items/{itemId}", [](eda::http::Request& req) -> boost::asio::awaitable<eda::http::Response> {
    auto id = req.path_param_int("itemId");
    if (!id) co_return eda::http::Problem::BadRequest("itemId must be an integer");
    co_return eda::http::Response::Json(boost::json::object{{"id", *id}, {"name", "pen"}, {"price", 1200}});
  });
  eda::http::Server server(settings, std::move(router));
  int rc = server.Run();
  eda::log::Flush();
  return rc;
}
