#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "eda/core/result.hpp"
#include "eda/events/envelope.hpp"
#include "eda/events/kafka_settings.hpp"

namespace eda::events {

struct ProducerSettings {
  std::string brokers = std::string(kDevBrokers);  // bootstrap servers, "host:port,host:port"
  KafkaCredentials credentials;                    // SASL/SCRAM user; empty: no authentication
  std::string client_id = "eda";                   // shows up in broker logs and metrics
  int linger_ms = 1;                               // batching delay; 0-1 keeps a saga hop fast
  std::chrono::milliseconds delivery_timeout{30'000};  // a send fails if not acknowledged within this
  int queue_max_messages = 1'000'000;              // local queue bound (Send waits when full)
  int batch_max_messages = 10'000;                 // records per produce request
  KafkaProperties extra;                           // raw librdkafka overrides (applied last)
};

// A record to publish. `key` is the aggregate id (order id, product id): records with the same key go
// to the same partition and stay in order. `headers` normally start with EncodeEnvelope(...).
struct OutgoingMessage {
  std::string topic;
  std::string key;
  std::string payload;
  Headers headers;
};

// Where the broker stored an acknowledged record.
struct Delivery {
  std::int32_t partition = -1;
  std::int64_t offset = -1;
};

// Called once per Send with the broker's verdict. Runs on the producer's internal poll thread (or on the
// caller's thread when the record could not even be queued). Must be quick and must not call Stop().
using DeliveryCallback = std::function<void(Result<Delivery>)>;

// A Kafka producer (librdkafka) with idempotence on and acks=all: a send completes only when every
// in-sync replica has the record; per key, records are written in send order without duplicates from
// internal retries. Never fire-and-forget: every send reports its outcome.
//
// Errors (eda::Error codes): "kafka.settings" (bad configuration, at Start), "kafka.not_started",
// "kafka.queue_full" (retryable), "kafka.timeout" (retryable: not acknowledged within delivery_timeout),
// "kafka.delivery" (broker refused; retryable flag from librdkafka), "kafka.denied" (credentials refused,
// or the user's ACLs do not allow writing the topic; not retryable), "kafka.fatal" (idempotence fatal
// error: the producer must be recreated).
//
// Thread-safety: Send/SendAndWait/Flush may be called from any thread concurrently. Start/Stop from
// the owner only, after every Send call has returned (stop consumers and relays first). Destruction
// calls Stop(). Note: GCC 12 mis-destroys aggregate temporaries written inside a co_await expression;
// build the OutgoingMessage in a named variable before `co_await AsyncSend(...)`.
class Producer {
 public:
  explicit Producer(ProducerSettings settings);
  ~Producer();
  Producer(const Producer&) = delete;
  Producer& operator=(const Producer&) = delete;

  // Creates the librdkafka handle and the poll thread. Does not contact the brokers (connection is lazy).
  Status Start();
  // Flushes queued records for up to `flush_timeout`; records still unacknowledged then complete with
  // "kafka.timeout". Idempotent.
  void Stop(std::chrono::milliseconds flush_timeout = std::chrono::seconds(10));

  // Queues `message`; `on_done` is called exactly once with the outcome. If the local queue is full,
  // waits up to delivery_timeout for room (so it may block briefly under overload).
  void Send(OutgoingMessage message, DeliveryCallback on_done);
  // Blocking variant: returns when acknowledged or failed. Never call from an I/O thread.
  Result<Delivery> SendAndWait(OutgoingMessage message);
  // Waits until everything queued so far was acknowledged or failed. false on timeout.
  bool Flush(std::chrono::milliseconds timeout);
  // One metadata round trip to any broker, at most `timeout`: is the cluster reachable? For readiness
  // checks. Errors: "kafka.not_started", "kafka.unavailable".
  Status Ping(std::chrono::milliseconds timeout) const;

  const ProducerSettings& settings() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace eda::events
