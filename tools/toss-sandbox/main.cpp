// eda-toss-sandbox: a local emulator of the Toss Payments core API v1 (see README.md). Composition
// root only: settings, the app, the HTTP server; runs until SIGTERM/SIGINT.

#include <iostream>
#include <string>

#include "eda/config/reader.hpp"
#include "eda/http/server.hpp"
#include "eda/log/log.hpp"
#include "eda/topology/ports.hpp"
#include "toss-sandbox/api/openapi_document.hpp"
#include "toss-sandbox/api/sandbox_app.hpp"

int main() {
  using namespace eda;
  (void)log::Init("toss-sandbox");
  config::Reader env;
  (void)env.LoadFileFromEnv();
  const auto settings = toss_sandbox::SandboxSettings::Load(env);
  const auto http_settings = http::ServerSettings::Load(env, "toss-sandbox", topology::kTossSandboxPort);
  if (auto ok = env.Finish(); !ok) {
    log::Error("toss-sandbox settings invalid", {{"error", ok.error().message}});
    log::Flush();
    std::cerr << ok.error().message << "\n";
    return 2;
  }
  toss_sandbox::SandboxApp app(settings);
  http::Router router;
  app.AddRoutes(router);
  http::Server server(http_settings, std::move(router));
  server.SetOpenApiDocument(std::string(toss_sandbox::OpenApiDocument()));
  app.Start();
  log::Info("toss sandbox starting",
            {{"port", http_settings.port}, {"webhooks", settings.webhook_url.empty() ? "off" : "on"},
             {"extra_keys", settings.extra_secret_keys.size()}});
  const int code = server.Run();
  app.Stop();
  log::Info("toss sandbox stopped", {{"exit_code", code}});
  log::Flush();
  return code;
}
