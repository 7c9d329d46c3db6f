// eda-carrier-sim: local simulator of the parcel carriers (see README.md). Composition root only.

#include <iostream>
#include <string>

#include "carrier-sim/api/carrier_sim_app.hpp"
#include "carrier-sim/api/openapi_document.hpp"
#include "eda/config/reader.hpp"
#include "eda/http/server.hpp"
#include "eda/log/log.hpp"
#include "eda/topology/ports.hpp"

int main() {
  using namespace eda;
  (void)log::Init("carrier-sim");
  config::Reader env;
  (void)env.LoadFileFromEnv();
  const auto settings = carrier_sim::CarrierSimSettings::Load(env);
  const auto http_settings = http::ServerSettings::Load(env, "carrier-sim", topology::kCarrierSimPort);
  if (auto ok = env.Finish(); !ok) {
    log::Error("carrier-sim settings invalid", {{"error", ok.error().message}});
    log::Flush();
    std::cerr << ok.error().message << "\n";
    return 2;
  }
  carrier_sim::CarrierSimApp app(settings);
  http::Router router;
  app.AddRoutes(router);
  http::Server server(http_settings, std::move(router));
  server.SetOpenApiDocument(std::string(carrier_sim::OpenApiDocument()));
  log::Info("carrier simulator starting",
            {{"port", http_settings.port}, {"step_ms", settings.step.count()},
             {"error_percent", settings.faults.error_percent}, {"latency_ms", settings.faults.latency.count()}});
  const int code = server.Run();
  log::Info("carrier simulator stopped", {{"exit_code", code}});
  log::Flush();
  return code;
}
