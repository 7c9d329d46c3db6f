#pragma once

// Helpers for the integration tests of this library (not part of the public API).

#include <librdkafka/rdkafkacpp.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "eda/core/uuid.hpp"
#include "eda/events/envelope.hpp"
#include "eda/events/kafka_settings.hpp"
#include "eda/sql/settings.hpp"
#include "kafka_util.hpp"

namespace eda::events::testing {

inline std::string Brokers() { return BrokersFromEnv(kTestBrokers); }
// The admin user of the test profile (`./eda infra env` exports it): tests write raw records and
// make topics, which no service's user may.
inline KafkaCredentials Credentials() { return CredentialsFromEnv().value(); }
// Sets `conf` up for the test brokers as the admin user.
inline void ConnectAsAdmin(RdKafka::Conf& conf) {
  std::string err;
  conf.set("bootstrap.servers", Brokers(), err);
  for (const auto& [name, value] : CredentialProperties(Credentials())) conf.set(name, value, err);
}
inline std::string Suffix() { return NewUuid().substr(0, 8); }

inline sql::Settings SqlSettings() {
  sql::Settings d;
  d.port = 23306;
  d.password = decltype(d.password)("1234");
  d.pool_size = 16;
  auto s = sql::Settings::FromEnv(d);
  return s.ok() ? *s : d;
}

struct ReadRecord {
  std::string topic;
  std::int32_t partition;
  std::int64_t offset;
  std::string key;
  std::string payload;
  Headers headers;
};

// Reads every partition of `topic` from the beginning until `expected` records arrived or `timeout`.
inline std::vector<ReadRecord> ReadAll(const std::string& topic, std::size_t expected,
                                       std::chrono::milliseconds timeout) {
  std::string err;
  std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  ConnectAsAdmin(*conf);
  conf->set("group.id", "eda-test-reader-" + Suffix(), err);
  conf->set("auto.offset.reset", "earliest", err);
  conf->set("enable.auto.commit", "false", err);
  std::unique_ptr<RdKafka::KafkaConsumer> c(RdKafka::KafkaConsumer::create(conf.get(), err));
  c->subscribe({topic});
  std::vector<ReadRecord> out;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (out.size() < expected && std::chrono::steady_clock::now() < deadline) {
    std::unique_ptr<RdKafka::Message> m(c->consume(100));
    if (!m || m->err() != RdKafka::ERR_NO_ERROR) continue;
    out.push_back(ReadRecord{m->topic_name(), m->partition(), m->offset(), m->key() ? *m->key() : std::string(),
                             std::string(static_cast<const char*>(m->payload()), m->len()),
                             detail::ReadHeaders(*m)});
  }
  c->close();
  return out;
}

// Polls `done` every 20 ms until it returns true or `timeout` passes. Returns the last result.
inline bool WaitFor(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return done();
}

}  // namespace eda::events::testing
