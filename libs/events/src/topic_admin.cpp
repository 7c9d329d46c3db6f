#include "eda/events/topic_admin.hpp"

#include <librdkafka/rdkafka.h>

#include <algorithm>
#include <memory>
#include <thread>

namespace eda::events {
namespace {

struct KafkaDeleter {
  void operator()(rd_kafka_t* rk) const { rd_kafka_destroy(rk); }
};
struct QueueDeleter {
  void operator()(rd_kafka_queue_t* q) const { rd_kafka_queue_destroy(q); }
};
struct EventDeleter {
  void operator()(rd_kafka_event_t* e) const { rd_kafka_event_destroy(e); }
};
using KafkaPtr = std::unique_ptr<rd_kafka_t, KafkaDeleter>;

Result<KafkaPtr> MakeAdminClient(const std::string& brokers, const KafkaCredentials& credentials) {
  char err[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  KafkaProperties props = CredentialProperties(credentials);
  props.emplace_back("bootstrap.servers", brokers);
  for (const auto& [name, value] : props) {
    if (rd_kafka_conf_set(conf, name.c_str(), value.c_str(), err, sizeof err) != RD_KAFKA_CONF_OK) {
      rd_kafka_conf_destroy(conf);
      return Error::Permanent("kafka.settings", "property " + name + ": " + err);
    }
  }
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);  // takes conf on success
  if (rk == nullptr) {
    rd_kafka_conf_destroy(conf);
    return Error::Permanent("kafka.settings", err);
  }
  return KafkaPtr(rk);
}

// Waits for the admin result event; returns it or a timeout error.
Result<std::unique_ptr<rd_kafka_event_t, EventDeleter>> WaitResult(rd_kafka_queue_t* q,
                                                                    std::chrono::milliseconds timeout) {
  rd_kafka_event_t* ev = rd_kafka_queue_poll(q, static_cast<int>(timeout.count()) + 1000);
  if (ev == nullptr) return Error::Transient("kafka.timeout", "admin request timed out");
  std::unique_ptr<rd_kafka_event_t, EventDeleter> owned(ev);
  if (rd_kafka_event_error(ev) != RD_KAFKA_RESP_ERR_NO_ERROR)
    return Error::Transient("kafka.admin", rd_kafka_event_error_string(ev));
  return owned;
}

// Waits until every topic shows up with partitions in the cluster metadata, so that a consumer
// subscribing right after creation sees them at once (instead of at its next metadata refresh).
Status WaitVisible(rd_kafka_t* rk, const std::vector<TopicSpec>& topics, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const rd_kafka_metadata_t* md = nullptr;
    std::size_t found = 0;
    if (rd_kafka_metadata(rk, 1, nullptr, &md, 5000) == RD_KAFKA_RESP_ERR_NO_ERROR) {
      for (const auto& t : topics)
        for (int i = 0; i < md->topic_cnt; ++i)
          if (t.name == md->topics[i].topic && md->topics[i].err == RD_KAFKA_RESP_ERR_NO_ERROR &&
              md->topics[i].partition_cnt > 0) {
            ++found;
            break;
          }
      rd_kafka_metadata_destroy(md);
    }
    if (found == topics.size()) return {};
    if (std::chrono::steady_clock::now() >= deadline)
      return Error::Transient("kafka.timeout", "created topics not visible in metadata yet");
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

// WaitVisible against each bootstrap broker on its own: a broker that was not told about a new topic
// yet answers metadata without it, and a group join that asks that broker assigns without the topic
// and never rebalances for it later (librdkafka issue 3008).
Status WaitVisibleOnEveryBroker(const std::string& brokers, const KafkaCredentials& credentials,
                                const std::vector<TopicSpec>& topics,
                                std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::size_t from = 0;
  while (from <= brokers.size()) {
    std::size_t comma = brokers.find(',', from);
    if (comma == std::string::npos) comma = brokers.size();
    const std::string one = brokers.substr(from, comma - from);
    from = comma + 1;
    if (one.empty()) continue;
    auto rk = MakeAdminClient(one, credentials);
    if (!rk) return std::move(rk).error();
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (auto st = WaitVisible(rk->get(), topics, std::max(left, std::chrono::milliseconds(0))); !st) return st;
  }
  return {};
}

}  // namespace

Status EnsureTopics(const std::string& brokers, const KafkaCredentials& credentials,
                    const std::vector<TopicSpec>& topics, std::chrono::milliseconds timeout) {
  if (topics.empty()) return {};
  auto rk = MakeAdminClient(brokers, credentials);
  if (!rk) return std::move(rk).error();
  char err[512];
  std::vector<rd_kafka_NewTopic_t*> specs;
  for (const auto& t : topics) {
    rd_kafka_NewTopic_t* nt = rd_kafka_NewTopic_new(t.name.c_str(), t.partitions, t.replication_factor, err, sizeof err);
    if (nt == nullptr) {
      rd_kafka_NewTopic_destroy_array(specs.data(), specs.size());
      return Error::Permanent("kafka.settings", "topic " + t.name + ": " + err);
    }
    specs.push_back(nt);
  }
  std::unique_ptr<rd_kafka_queue_t, QueueDeleter> q(rd_kafka_queue_new(rk->get()));
  rd_kafka_AdminOptions_t* opts = rd_kafka_AdminOptions_new(rk->get(), RD_KAFKA_ADMIN_OP_CREATETOPICS);
  rd_kafka_AdminOptions_set_operation_timeout(opts, static_cast<int>(timeout.count()), err, sizeof err);
  rd_kafka_AdminOptions_set_request_timeout(opts, static_cast<int>(timeout.count()), err, sizeof err);
  rd_kafka_CreateTopics(rk->get(), specs.data(), specs.size(), opts, q.get());
  rd_kafka_AdminOptions_destroy(opts);
  rd_kafka_NewTopic_destroy_array(specs.data(), specs.size());
  auto ev = WaitResult(q.get(), timeout);
  if (!ev) return std::move(ev).error();
  const rd_kafka_CreateTopics_result_t* res = rd_kafka_event_CreateTopics_result(ev->get());
  size_t n = 0;
  const rd_kafka_topic_result_t** results = rd_kafka_CreateTopics_result_topics(res, &n);
  for (size_t i = 0; i < n; ++i) {
    rd_kafka_resp_err_t e = rd_kafka_topic_result_error(results[i]);
    if (e == RD_KAFKA_RESP_ERR_NO_ERROR || e == RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS) continue;
    const char* msg = rd_kafka_topic_result_error_string(results[i]);
    return Error{"kafka.admin",
                 std::string("create ") + rd_kafka_topic_result_name(results[i]) + ": " +
                     (msg != nullptr ? msg : rd_kafka_err2str(e)),
                 e != RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED && e != RD_KAFKA_RESP_ERR_CLUSTER_AUTHORIZATION_FAILED};
  }
  return WaitVisibleOnEveryBroker(brokers, credentials, topics, timeout);
}

Status DeleteTopics(const std::string& brokers, const KafkaCredentials& credentials,
                    const std::vector<std::string>& topics, std::chrono::milliseconds timeout) {
  if (topics.empty()) return {};
  auto rk = MakeAdminClient(brokers, credentials);
  if (!rk) return std::move(rk).error();
  std::vector<rd_kafka_DeleteTopic_t*> specs;
  for (const auto& t : topics) specs.push_back(rd_kafka_DeleteTopic_new(t.c_str()));
  std::unique_ptr<rd_kafka_queue_t, QueueDeleter> q(rd_kafka_queue_new(rk->get()));
  char err[512];
  rd_kafka_AdminOptions_t* opts = rd_kafka_AdminOptions_new(rk->get(), RD_KAFKA_ADMIN_OP_DELETETOPICS);
  rd_kafka_AdminOptions_set_operation_timeout(opts, static_cast<int>(timeout.count()), err, sizeof err);
  rd_kafka_DeleteTopics(rk->get(), specs.data(), specs.size(), opts, q.get());
  rd_kafka_AdminOptions_destroy(opts);
  rd_kafka_DeleteTopic_destroy_array(specs.data(), specs.size());
  auto ev = WaitResult(q.get(), timeout);
  if (!ev) return std::move(ev).error();
  const rd_kafka_DeleteTopics_result_t* res = rd_kafka_event_DeleteTopics_result(ev->get());
  size_t n = 0;
  const rd_kafka_topic_result_t** results = rd_kafka_DeleteTopics_result_topics(res, &n);
  for (size_t i = 0; i < n; ++i) {
    rd_kafka_resp_err_t e = rd_kafka_topic_result_error(results[i]);
    if (e == RD_KAFKA_RESP_ERR_NO_ERROR || e == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART) continue;
    return Error::Transient("kafka.admin", std::string("delete ") + rd_kafka_topic_result_name(results[i]) + ": " +
                                               rd_kafka_err2str(e));
  }
  return {};
}

}  // namespace eda::events
