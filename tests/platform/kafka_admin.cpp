#include "kafka_admin.hpp"

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafkacpp.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <memory>
#include <thread>

#include "platform_env.hpp"

namespace eda::platform_test {
namespace {

struct RdKafkaDeleter {
  void operator()(rd_kafka_t* rk) const { rd_kafka_destroy(rk); }
};
using RdKafkaPtr = std::unique_ptr<rd_kafka_t, RdKafkaDeleter>;

std::string ReadPassword(const std::string& path) {
  std::ifstream in(path);
  std::stringstream content;
  content << in.rdbuf();
  std::string pw = content.str();
  while (!pw.empty() && (pw.back() == '\n' || pw.back() == '\r')) pw.pop_back();
  return pw;
}

// librdkafka's settings for logging in as `user` (none for an empty name).
std::map<std::string, std::string> LoginSettings(const KafkaUser& user) {
  const bool tls = user.tls || !user.ca_file.empty();
  std::map<std::string, std::string> s;
  if (!user.name.empty()) {
    s = {{"security.protocol", tls ? "SASL_SSL" : "SASL_PLAINTEXT"},
         {"sasl.mechanisms", "SCRAM-SHA-512"},
         {"sasl.username", user.name},
         {"sasl.password", user.password}};
  } else if (tls) {
    s = {{"security.protocol", "SSL"}};
  }
  if (!user.ca_file.empty()) s["ssl.ca.location"] = user.ca_file;
  return s;
}

// A producer-type handle is enough for admin and metadata requests; it logs in as the admin.
RdKafkaPtr NewAdminHandle(const std::string& brokers, std::string& error) {
  char err[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  auto settings = LoginSettings(AdminUser());
  settings["bootstrap.servers"] = brokers;
  for (const auto& [key, value] : settings) {
    if (rd_kafka_conf_set(conf, key.c_str(), value.c_str(), err, sizeof err) != RD_KAFKA_CONF_OK) {
      rd_kafka_conf_destroy(conf);
      error = err;
      return nullptr;
    }
  }
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);  // owns conf on success
  if (rk == nullptr) {
    rd_kafka_conf_destroy(conf);
    error = err;
  }
  return RdKafkaPtr(rk);
}

// Runs one admin request on a private queue and returns the first topic result's error.
template <typename Submit, typename Topics>
std::string RunTopicAdmin(rd_kafka_t* rk, rd_kafka_admin_op_t op, Submit submit, Topics topics_of) {
  char err[512];
  rd_kafka_AdminOptions_t* opts = rd_kafka_AdminOptions_new(rk, op);
  rd_kafka_AdminOptions_set_operation_timeout(opts, 30000, err, sizeof err);
  rd_kafka_queue_t* queue = rd_kafka_queue_new(rk);
  submit(opts, queue);
  rd_kafka_event_t* ev = rd_kafka_queue_poll(queue, 60000);
  std::string result;
  if (ev == nullptr) {
    result = "admin request timed out";
  } else if (rd_kafka_event_error(ev) != RD_KAFKA_RESP_ERR_NO_ERROR) {
    result = rd_kafka_event_error_string(ev);
  } else {
    size_t count = 0;
    const rd_kafka_topic_result_t** topics = topics_of(ev, &count);
    if (count != 1) {
      result = "unexpected number of topic results";
    } else if (rd_kafka_topic_result_error(topics[0]) != RD_KAFKA_RESP_ERR_NO_ERROR) {
      result = rd_kafka_topic_result_error_string(topics[0]);
    }
  }
  if (ev != nullptr) rd_kafka_event_destroy(ev);
  rd_kafka_queue_destroy(queue);
  rd_kafka_AdminOptions_destroy(opts);
  return result;
}

}  // namespace

std::string KafkaBrokers() {
  return EnvOr("EDA_KAFKA_BROKERS", "127.0.0.1:29092,127.0.0.1:29093,127.0.0.1:29094");
}

// EDA_KAFKA_CA_FILE (a stack run with EDA_KAFKA_TLS=1): the users reach the brokers over TLS.
KafkaUser AdminUser() {
  return {EnvOr("EDA_KAFKA_USERNAME", ""), ReadPassword(EnvOr("EDA_KAFKA_PASSWORD_FILE", "/nonexistent")), false,
          EnvOr("EDA_KAFKA_CA_FILE", "")};
}

KafkaUser ProfileUser(const std::string& name) {
  return {name, ReadPassword(EnvOr("EDA_STATE_DIR", "var/test") + "/secrets/kafka-" + name + ".password"), false,
          EnvOr("EDA_KAFKA_CA_FILE", "")};
}

std::string CreateTopic(const std::string& brokers, const std::string& topic, int partitions, int replication) {
  std::string error;
  RdKafkaPtr rk = NewAdminHandle(brokers, error);
  if (!rk) return error;
  char err[512];
  rd_kafka_NewTopic_t* nt = rd_kafka_NewTopic_new(topic.c_str(), partitions, replication, err, sizeof err);
  if (nt == nullptr) return err;
  std::string result = RunTopicAdmin(
      rk.get(), RD_KAFKA_ADMIN_OP_CREATETOPICS,
      [&](rd_kafka_AdminOptions_t* opts, rd_kafka_queue_t* q) { rd_kafka_CreateTopics(rk.get(), &nt, 1, opts, q); },
      [](rd_kafka_event_t* ev, size_t* n) {
        return rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(ev), n);
      });
  rd_kafka_NewTopic_destroy(nt);
  return result;
}

std::string DeleteTopic(const std::string& brokers, const std::string& topic) {
  std::string error;
  RdKafkaPtr rk = NewAdminHandle(brokers, error);
  if (!rk) return error;
  rd_kafka_DeleteTopic_t* dt = rd_kafka_DeleteTopic_new(topic.c_str());
  std::string result = RunTopicAdmin(
      rk.get(), RD_KAFKA_ADMIN_OP_DELETETOPICS,
      [&](rd_kafka_AdminOptions_t* opts, rd_kafka_queue_t* q) { rd_kafka_DeleteTopics(rk.get(), &dt, 1, opts, q); },
      [](rd_kafka_event_t* ev, size_t* n) {
        return rd_kafka_DeleteTopics_result_topics(rd_kafka_event_DeleteTopics_result(ev), n);
      });
  rd_kafka_DeleteTopic_destroy(dt);
  return result;
}

ClusterView Describe(const std::string& brokers, const std::string& topic) {
  ClusterView view;
  RdKafkaPtr rk = NewAdminHandle(brokers, view.error);
  if (!rk) return view;
  // all_topics=1: the topic handle form would auto-create a missing topic.
  const rd_kafka_metadata_t* md = nullptr;
  rd_kafka_resp_err_t err = rd_kafka_metadata(rk.get(), 1, nullptr, &md, 10000);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    view.error = rd_kafka_err2str(err);
    return view;
  }
  for (int b = 0; b < md->broker_cnt; ++b) view.broker_ids.push_back(md->brokers[b].id);
  for (int t = 0; t < md->topic_cnt; ++t) {
    const rd_kafka_metadata_topic_t& mt = md->topics[t];
    if (topic != mt.topic) continue;
    for (int p = 0; p < mt.partition_cnt; ++p) {
      const rd_kafka_metadata_partition_t& mp = mt.partitions[p];
      PartitionState ps;
      ps.id = mp.id;
      ps.leader = mp.leader;
      ps.replicas.assign(mp.replicas, mp.replicas + mp.replica_cnt);
      ps.isr.assign(mp.isrs, mp.isrs + mp.isr_cnt);
      view.partitions.push_back(std::move(ps));
    }
  }
  rd_kafka_metadata_destroy(md);
  return view;
}

ClusterView WaitForTopic(const std::string& brokers, const std::string& topic, std::size_t partitions,
                         std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  const auto ready = [&](const ClusterView& v) {
    return v.error.empty() && v.partitions.size() == partitions &&
           std::all_of(v.partitions.begin(), v.partitions.end(), [](const PartitionState& p) { return p.leader >= 0; });
  };
  // Each broker on its own: one that was not told about the new topic yet answers without it, and a
  // client that asks it then fails its sends ("partition count changed from 3 to 0").
  std::vector<std::string> each;
  for (std::size_t from = 0; from <= brokers.size();) {
    const std::size_t comma = std::min(brokers.find(',', from), brokers.size());
    if (comma > from) each.push_back(brokers.substr(from, comma - from));
    from = comma + 1;
  }
  ClusterView view;
  for (const std::string& one : each) {
    while (!ready(view = Describe(one, topic)) && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    if (!ready(view)) return view;
  }
  return Describe(brokers, topic);
}

namespace {

class CountingDeliveryReport : public RdKafka::DeliveryReportCb {
 public:
  explicit CountingDeliveryReport(ProduceOutcome& outcome) : outcome_(outcome) {}
  void dr_cb(RdKafka::Message& message) override {
    if (message.err() == RdKafka::ERR_NO_ERROR) {
      ++outcome_.delivered;
    } else {
      outcome_.errors.push_back(message.errstr());
    }
  }

 private:
  ProduceOutcome& outcome_;
};

// Collects the client's error events (authentication failures, brokers down) as text.
class ErrorCollector : public RdKafka::EventCb {
 public:
  explicit ErrorCollector(std::vector<std::string>& out) : out_(out) {}
  void event_cb(RdKafka::Event& event) override {
    if (event.type() == RdKafka::Event::EVENT_ERROR) out_.push_back(RdKafka::err2str(event.err()) + ": " + event.str());
  }

 private:
  std::vector<std::string>& out_;
};

std::unique_ptr<RdKafka::Conf> NewConf(std::map<std::string, std::string> settings, const KafkaUser& user,
                                       std::string& error) {
  settings.merge(LoginSettings(user));
  std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  for (const auto& [key, value] : settings) {
    if (conf->set(key, value, error) != RdKafka::Conf::CONF_OK) return nullptr;
  }
  return conf;
}

}  // namespace

ProduceOutcome ProduceAll(const std::string& brokers, const std::string& topic,
                          const std::vector<std::string>& payloads, std::chrono::milliseconds timeout,
                          const KafkaUser& user) {
  ProduceOutcome outcome;
  CountingDeliveryReport report(outcome);
  ErrorCollector client_errors(outcome.client_errors);
  std::string error;
  auto conf = NewConf({{"bootstrap.servers", brokers},
                       {"acks", "all"},
                       {"enable.idempotence", "true"},
                       {"message.timeout.ms", std::to_string(timeout.count())}},
                      user, error);
  if (!conf || conf->set("dr_cb", &report, error) != RdKafka::Conf::CONF_OK ||
      conf->set("event_cb", &client_errors, error) != RdKafka::Conf::CONF_OK) {
    outcome.errors.push_back(error);
    return outcome;
  }
  std::unique_ptr<RdKafka::Producer> producer(RdKafka::Producer::create(conf.get(), error));
  if (!producer) {
    outcome.errors.push_back(error);
    return outcome;
  }
  for (const std::string& p : payloads) {
    RdKafka::ErrorCode err = producer->produce(topic, RdKafka::Topic::PARTITION_UA, RdKafka::Producer::RK_MSG_COPY,
                                               const_cast<char*>(p.data()), p.size(), p.data(), p.size(), 0, nullptr);
    if (err != RdKafka::ERR_NO_ERROR) outcome.errors.push_back(RdKafka::err2str(err));
    producer->poll(0);
  }
  producer->flush(static_cast<int>(timeout.count()) + 5000);
  return outcome;
}

std::vector<std::string> ConsumeAll(const std::string& brokers, const std::string& topic, const std::string& group,
                                    std::size_t expected, std::chrono::milliseconds timeout, const KafkaUser& user,
                                    std::vector<std::string>* errors) {
  std::vector<std::string> got, seen_errors;
  ErrorCollector client_errors(seen_errors);
  std::string error;
  auto conf = NewConf({{"bootstrap.servers", brokers},
                       {"group.id", group},
                       {"auto.offset.reset", "earliest"},
                       {"enable.auto.commit", "false"}},
                      user, error);
  if (!conf || conf->set("event_cb", &client_errors, error) != RdKafka::Conf::CONF_OK) {
    if (errors != nullptr) errors->push_back(error);
    return got;
  }
  std::unique_ptr<RdKafka::KafkaConsumer> consumer(RdKafka::KafkaConsumer::create(conf.get(), error));
  if (!consumer) return got;
  consumer->subscribe({topic});
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (got.size() < expected && std::chrono::steady_clock::now() < deadline) {
    std::unique_ptr<RdKafka::Message> msg(consumer->consume(500));
    if (msg->err() == RdKafka::ERR_NO_ERROR) {
      got.emplace_back(static_cast<const char*>(msg->payload()), msg->len());
    } else if (msg->err() != RdKafka::ERR__TIMED_OUT && msg->err() != RdKafka::ERR__PARTITION_EOF) {
      seen_errors.push_back(RdKafka::err2str(msg->err()) + ": " + msg->errstr());
    }
  }
  consumer->commitSync();
  consumer->close();
  if (errors != nullptr) errors->insert(errors->end(), seen_errors.begin(), seen_errors.end());
  return got;
}

}  // namespace eda::platform_test
