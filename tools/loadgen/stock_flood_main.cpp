// eda-stock-flood: the stock step of the saga in isolation, as the Java seed system would drive it.
// Produces N header-less seed stockCountRequestV1 records (one unit of one product each, distinct
// order ids) to catalog-decrement-request-delivery-request as fast as the producer takes them, and
// reads delivery-request / stock-rejected until every order has its answer. Prints one JSON line:
// answers per second (first request sent -> last answer seen) and per-order latency percentiles.
//
//   eda-stock-flood --product ID --count N [--prefix P] [--timeout S]
// Brokers: EDA_KAFKA_BROKERS (default: the dev profile's). Exit 0 when every order was answered.

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "eda/core/uuid.hpp"
#include "eda/events/consumer.hpp"
#include "eda/events/kafka_settings.hpp"
#include "eda/events/producer.hpp"
#include "events.pb.h"
#include "seed.pb.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
  std::int64_t product = 0;
  int count = 2000;
  std::string prefix;
  int timeout_s = 120;
};

bool Parse(int argc, char** argv, Options& o) {
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--product") o.product = std::atoll(value.c_str());
    else if (flag == "--count") o.count = std::atoi(value.c_str());
    else if (flag == "--prefix") o.prefix = value;
    else if (flag == "--timeout") o.timeout_s = std::atoi(value.c_str());
    else return false;
  }
  if (o.prefix.empty()) o.prefix = "FLOOD" + eda::NewUuid().substr(0, 8) + "-";
  return o.product > 0 && o.count > 0 && o.timeout_s > 0;
}

double Percentile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(q * static_cast<double>(v.size() - 1))];
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  if (!Parse(argc, argv, o)) {
    std::fprintf(stderr, "usage: eda-stock-flood --product ID --count N [--prefix P] [--timeout S]\n");
    return 2;
  }
  const std::string brokers = eda::events::BrokersFromEnv(eda::events::kDevBrokers);
  const auto credentials = eda::events::CredentialsFromEnv();
  if (!credentials) {
    std::fprintf(stderr, "stock-flood: %s\n", credentials.error().message.c_str());
    return 2;
  }
  eda::events::ProducerSettings ps;
  ps.brokers = brokers;
  ps.credentials = *credentials;
  ps.client_id = "eda-stock-flood";
  eda::events::Producer producer(ps);
  if (auto s = producer.Start(); !s) {
    std::fprintf(stderr, "stock-flood: producer: %s\n", s.error().message.c_str());
    return 1;
  }

  std::mutex mu;
  std::vector<Clock::time_point> sent(static_cast<std::size_t>(o.count));
  std::map<int, Clock::time_point> answered;
  int rejected = 0;
  auto on_answer = [&](const std::string& order_id, bool reserved) {
    if (order_id.rfind(o.prefix, 0) != 0) return;
    const int i = std::atoi(order_id.c_str() + o.prefix.size());
    std::lock_guard lock(mu);
    if (answered.emplace(i, Clock::now()).second && !reserved) ++rejected;
  };
  eda::events::ConsumerSettings cs;
  cs.brokers = brokers;
  cs.credentials = *credentials;
  cs.group_id = "eda-stock-flood-" + eda::NewUuid().substr(0, 8);
  cs.client_id = "eda-stock-flood";
  cs.require_envelope = false;
  cs.create_topics = false;
  cs.health_interval = std::chrono::milliseconds(0);
  // One group per run, with no retry topic of its own: its handlers only record answers.
  cs.retry.max_attempts = cs.retry.in_place_attempts;
  eda::events::Consumer consumer(cs, producer);
  consumer.Subscribe("delivery-request", [&](const eda::events::IncomingEvent& ev) -> eda::Status {
    edaordersystem::protobuf::deliveryRequestV1 m;
    if (m.ParseFromString(ev.payload)) on_answer(m.order_id(), true);
    return {};
  });
  consumer.Subscribe("stock-rejected", [&](const eda::events::IncomingEvent& ev) -> eda::Status {
    eda::events::v1::StockRejected m;
    if (m.ParseFromString(ev.payload)) on_answer(m.order_id(), false);
    return {};
  });
  if (auto s = consumer.Start(); !s) {
    std::fprintf(stderr, "stock-flood: consumer: %s\n", s.error().message.c_str());
    return 1;
  }

  const auto start = Clock::now();
  std::atomic<int> send_errors{0};
  for (int i = 0; i < o.count; ++i) {
    edaordersystem::protobuf::stockCountRequestV1 r;
    r.set_order_id(o.prefix + std::to_string(i));
    r.set_product_id(o.product);
    r.set_decrement_stock_count(1);
    r.set_order_name("stock flood");
    r.set_member_id(1);
    r.set_delivery_company("LOTTE");
    r.set_payment_key("flood-" + r.order_id());
    r.set_address("Seoul");
    r.set_amount(1000);
    sent[static_cast<std::size_t>(i)] = Clock::now();
    // Header-less, keyed by order id: exactly what the seed's order service sends.
    producer.Send(eda::events::OutgoingMessage{"catalog-decrement-request-delivery-request", r.order_id(),
                                               r.SerializeAsString(), {}},
                  [&](eda::Result<eda::events::Delivery> d) {
                    if (!d) ++send_errors;
                  });
  }
  producer.Flush(std::chrono::seconds(30));
  const auto deadline = start + std::chrono::seconds(o.timeout_s);
  for (;;) {
    {
      std::lock_guard lock(mu);
      if (static_cast<int>(answered.size()) >= o.count) break;
    }
    if (Clock::now() >= deadline) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  consumer.Stop();
  producer.Stop();

  std::lock_guard lock(mu);
  std::vector<double> latencies;
  Clock::time_point last = start;
  for (const auto& [i, at] : answered) {
    latencies.push_back(std::chrono::duration<double, std::milli>(at - sent[static_cast<std::size_t>(i)]).count());
    last = std::max(last, at);
  }
  const double seconds = std::chrono::duration<double>(last - start).count();
  std::printf(
      "{\"requests\": %d, \"answered\": %zu, \"rejected\": %d, \"send_errors\": %d, \"seconds\": %.3f, "
      "\"answers_per_second\": %.1f, \"latency_p50_ms\": %.1f, \"latency_p99_ms\": %.1f, \"latency_max_ms\": %.1f}\n",
      o.count, answered.size(), rejected, send_errors.load(), seconds,
      seconds > 0 ? static_cast<double>(answered.size()) / seconds : 0.0, Percentile(latencies, 0.5),
      Percentile(latencies, 0.99), Percentile(latencies, 1.0));
  return static_cast<int>(answered.size()) == o.count ? 0 : 1;
}
