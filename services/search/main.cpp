// eda-search: composition root of the search service. Reads settings, builds every part in
// dependency order, consumes the product topics into Redis and serves HTTP until SIGTERM/SIGINT, then
// stops in reverse order. `eda-search --rebuild` rebuilds the index once and exits. No logic here.

#include <atomic>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <memory>
#include <string>
#include <string_view>

#include "eda/config/reader.hpp"
#include "eda/events/consumer.hpp"
#include "eda/events/kafka_settings.hpp"
#include "eda/events/producer.hpp"
#include "eda/http/server.hpp"
#include "eda/log/log.hpp"
#include "eda/redis/pool.hpp"
#include "eda/service/access_tokens.hpp"
#include "eda/service/event_plumbing.hpp"
#include "eda/service/readiness.hpp"
#include "eda/service/startup.hpp"
#include "eda/topology/ports.hpp"
#include "search/api/openapi_document.hpp"
#include "search/api/search_routes.hpp"
#include "search/domain/search_service.hpp"
#include "search/events/index_updater.hpp"
#include "search/events/rebuilder.hpp"
#include "search/store/redis_search_index.hpp"

namespace {

using namespace eda;

// The search service's own settings (the kernel libraries read theirs: EDA_HTTP_*, EDA_REDIS_*,
// EDA_KAFKA_BROKERS, EDA_JWT_*).
struct SearchSettings {
  std::uint16_t port = topology::kSearchPort;  // EDA_SEARCH_PORT (EDA_HTTP_PORT overrides)
  bool consume = true;                   // EDA_SEARCH_CONSUME: run the live consumer (off: read-only replica)
  std::string group_id = "search";       // EDA_SEARCH_GROUP: the live consumer group
  // EDA_SEARCH_CREATE_TOPICS: create missing product topics at start. Off: ./eda makes them, and the
  // search service's Kafka user may not create topics.
  bool create_topics = false;
};

SearchSettings LoadSearchSettings(config::Reader& r) {
  SearchSettings s;
  s.port = r.GetPort("EDA_SEARCH_PORT", s.port);
  s.consume = r.GetBool("EDA_SEARCH_CONSUME", s.consume);
  s.group_id = r.GetString("EDA_SEARCH_GROUP", s.group_id);
  if (s.group_id.empty()) r.AddError("EDA_SEARCH_GROUP", "must not be empty");
  s.create_topics = r.GetBool("EDA_SEARCH_CREATE_TOPICS", s.create_topics);
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  const bool rebuild_only = argc > 1 && std::string_view(argv[1]) == "--rebuild";
  if (argc > 1 && !rebuild_only) {
    std::cerr << "usage: eda-search [--rebuild]\n";
    return 2;
  }
  service::StartLogging("search");

  // ---- settings ----
  config::Reader env;
  const SearchSettings settings = LoadSearchSettings(env);
  const http::ServerSettings http_settings = http::ServerSettings::Load(env, "search", settings.port);
  if (auto ok = env.Finish(); !ok) return service::FailStartup("settings", ok.error());
  auto redis_settings = redis::Settings::FromEnv(redis::Settings{});
  if (!redis_settings) return service::FailStartup("redis settings", redis_settings.error());
  auto kafka = service::LoadKafkaSettings();
  if (!kafka) return service::FailStartup("kafka settings", kafka.error());

  // ---- infrastructure ----
  redis::Pool redis_pool(*redis_settings);
  search::RedisSearchIndex index(redis_pool);
  events::ProducerSettings producer_settings;  // retry / DLQ records of the consumers
  producer_settings.brokers = kafka->brokers;
  producer_settings.credentials = kafka->credentials;
  producer_settings.client_id = "eda-search";
  events::Producer producer(producer_settings);
  if (auto started = producer.Start(); !started) return service::FailStartup("kafka producer", started.error());
  search::RebuildSettings rebuild_settings;
  rebuild_settings.brokers = kafka->brokers;
  rebuild_settings.credentials = kafka->credentials;
  rebuild_settings.create_topics = settings.create_topics;
  search::Rebuilder rebuilder(rebuild_settings, index, producer);

  if (rebuild_only) {
    auto report = rebuilder.Run();
    int code = 0;
    if (report) {
      std::cout << "rebuilt generation " << report->new_generation << " (was " << report->old_generation << "): "
                << report->events << " events in " << report->seconds << " s\n";
    } else {
      std::cerr << "rebuild failed: " << report.error().detail << "\n";
      code = 1;
    }
    producer.Stop();
    redis_pool.Stop();
    log::Flush();
    return code;
  }

  // ---- live consumer: group "search", seed producers (no envelope headers) accepted ----
  const search::IndexUpdater updater(index, search::IndexTarget{});
  events::ConsumerSettings consumer_settings = service::ConsumerSettingsFor("search", settings.group_id, *kafka);
  consumer_settings.create_topics = settings.create_topics;
  events::Consumer consumer(consumer_settings, producer);
  updater.SubscribeAll(consumer);

  // ---- domain and HTTP ----
  const search::SearchService service(index);
  http::Router router;
  search::AddSearchRoutes(router, service, rebuilder,
                          [&redis_pool](const std::function<void()>& fn) -> boost::asio::awaitable<void> {
                            const auto task = [&fn] {  // trivially destructible (see Offloader)
                              fn();
                              return Status{};
                            };
                            (void)co_await redis_pool.Offload(task);
                          });
  http::Server server(http_settings, std::move(router));
  auto access_tokens = service::AccessTokens::FromEnv("search");
  if (access_tokens) {
    (*access_tokens)->Install(server);
    (*access_tokens)->Start();  // stopped by its destructor, after the server
  } else {
    // Reads need no token; only the admin routes do, and they answer 401 until a key is configured.
    log::Warn("no JWT verification key: admin routes are disabled", {{"error", access_tokens.error().message}});
  }
  server.SetOpenApiDocument(std::string(search::OpenApiDocument()));
  service::AddRedisReadiness(server, redis_pool);
  std::atomic<bool> consuming{false};
  server.AddReadinessCheck("consumer", [&]() -> boost::asio::awaitable<Status> {
    if (!settings.consume || consuming.load()) co_return Status{};
    co_return Error::Transient("search.consumer", "the product consumer is not running");
  });

  if (settings.consume) {
    if (auto started = consumer.Start(); !started) return service::FailStartup("kafka consumer", started.error());
    consuming = true;
  }
  log::Info("search service starting", {{"port", http_settings.port}, {"consume", settings.consume}});
  const int code = server.Run();  // until SIGTERM/SIGINT; drains in-flight requests

  // ---- shutdown, reverse order ----
  consumer.Stop();
  consuming = false;
  producer.Stop();
  redis_pool.Stop();
  return service::ReportStopped(code);
}
