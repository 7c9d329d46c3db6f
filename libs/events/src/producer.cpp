#include "eda/events/producer.hpp"

#include <atomic>
#include <condition_variable>
#include <future>
#include <mutex>
#include <thread>

#include "kafka_util.hpp"

namespace eda::events {

struct Producer::Impl : public RdKafka::DeliveryReportCb {
  explicit Impl(ProducerSettings s) : settings(std::move(s)) {}

  // Runs on the poll thread (or inside flush()): hands the verdict to the sender's callback.
  void dr_cb(RdKafka::Message& message) override {
    std::unique_ptr<DeliveryCallback> cb(static_cast<DeliveryCallback*>(message.msg_opaque()));
    if (!cb) return;
    if (message.err() != RdKafka::ERR_NO_ERROR) {
      (*cb)(detail::KafkaError(message.err(), "delivery to " + message.topic_name()));
    } else {
      (*cb)(Delivery{message.partition(), message.offset()});
    }
  }

  void PollLoop() {
    while (!stop_polling.load(std::memory_order_acquire)) producer->poll(50);
  }

  ProducerSettings settings;
  std::unique_ptr<RdKafka::Producer> producer;
  std::thread poller;
  std::atomic<bool> stop_polling{false};
  std::atomic<bool> running{false};
};

Producer::Producer(ProducerSettings settings) : impl_(std::make_unique<Impl>(std::move(settings))) {}

Producer::~Producer() { Stop(); }

const ProducerSettings& Producer::settings() const { return impl_->settings; }

Status Producer::Start() {
  if (impl_->running) return {};
  const auto& s = impl_->settings;
  std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  std::string err;
  const KafkaProperties props = {
      {"bootstrap.servers", s.brokers},
      {"client.id", s.client_id},
      // Exactly-once per partition from the producer's side: no duplicates or reordering from retries.
      {"enable.idempotence", "true"},
      {"acks", "all"},
      {"max.in.flight.requests.per.connection", "5"},
      {"linger.ms", std::to_string(s.linger_ms)},
      {"socket.nagle.disable", "true"},
      {"message.timeout.ms", std::to_string(s.delivery_timeout.count())},
      {"queue.buffering.max.messages", std::to_string(s.queue_max_messages)},
      {"batch.num.messages", std::to_string(s.batch_max_messages)},
      // Default partitioner of the Java client: same key -> same partition across languages.
      {"partitioner", "murmur2_random"},
  };
  if (auto st = detail::ApplyProperties(*conf, props); !st) return st;
  if (auto st = detail::ApplyProperties(*conf, CredentialProperties(s.credentials)); !st) return st;
  if (auto st = detail::ApplyProperties(*conf, s.extra); !st) return st;
  if (conf->set("dr_cb", static_cast<RdKafka::DeliveryReportCb*>(impl_.get()), err) != RdKafka::Conf::CONF_OK)
    return Error::Permanent("kafka.settings", "dr_cb: " + err);
  impl_->producer.reset(RdKafka::Producer::create(conf.get(), err));
  if (!impl_->producer) return Error::Permanent("kafka.settings", "producer: " + err);
  impl_->stop_polling = false;
  impl_->poller = std::thread([impl = impl_.get()] { impl->PollLoop(); });
  impl_->running = true;
  return {};
}

void Producer::Stop(std::chrono::milliseconds flush_timeout) {
  if (!impl_->running.exchange(false)) return;
  impl_->producer->flush(static_cast<int>(flush_timeout.count()));
  impl_->stop_polling = true;
  if (impl_->poller.joinable()) impl_->poller.join();
  // Whatever is still queued fails now, so every callback runs exactly once.
  impl_->producer->purge(RdKafka::Producer::PURGE_QUEUE | RdKafka::Producer::PURGE_INFLIGHT);
  impl_->producer->poll(0);
  impl_->producer->flush(1000);
  impl_->producer.reset();
}

Status Producer::Ping(std::chrono::milliseconds timeout) const {
  if (!impl_->running || !impl_->producer) return Error::Permanent("kafka.not_started", "producer is not running");
  RdKafka::Metadata* md = nullptr;
  const RdKafka::ErrorCode rc = impl_->producer->metadata(false, nullptr, &md, static_cast<int>(timeout.count()));
  delete md;
  if (rc != RdKafka::ERR_NO_ERROR) return detail::KafkaError(rc, "metadata", "kafka.unavailable");
  return {};
}

void Producer::Send(OutgoingMessage m, DeliveryCallback on_done) {
  if (!impl_->running || !impl_->producer) {
    on_done(Error::Permanent("kafka.not_started", "producer is not running"));
    return;
  }
  auto headers = detail::MakeHeaders(m.headers);
  auto cb = std::make_unique<DeliveryCallback>(std::move(on_done));
  const auto deadline = std::chrono::steady_clock::now() + impl_->settings.delivery_timeout;
  for (;;) {
    RdKafka::ErrorCode rc = impl_->producer->produce(
        m.topic, RdKafka::Topic::PARTITION_UA, RdKafka::Producer::RK_MSG_COPY, m.payload.data(), m.payload.size(),
        m.key.empty() ? nullptr : m.key.data(), m.key.size(), 0, headers.get(), cb.get());
    if (rc == RdKafka::ERR_NO_ERROR) {
      (void)headers.release();  // owned by librdkafka now
      (void)cb.release();       // freed in dr_cb
      return;
    }
    if (rc == RdKafka::ERR__QUEUE_FULL && std::chrono::steady_clock::now() < deadline) {
      // The poll thread drains acknowledgements; wait for room rather than fail under a burst.
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
      continue;
    }
    Error e = rc == RdKafka::ERR__QUEUE_FULL ? Error::Transient("kafka.queue_full", "local producer queue full")
                                             : detail::KafkaError(rc, "produce to " + m.topic);
    (*cb)(std::move(e));
    return;
  }
}

Result<Delivery> Producer::SendAndWait(OutgoingMessage message) {
  auto promise = std::make_shared<std::promise<Result<Delivery>>>();
  auto future = promise->get_future();
  Send(std::move(message), [promise](Result<Delivery> r) { promise->set_value(std::move(r)); });
  return future.get();
}

bool Producer::Flush(std::chrono::milliseconds timeout) {
  if (!impl_->running) return true;
  return impl_->producer->flush(static_cast<int>(timeout.count())) == RdKafka::ERR_NO_ERROR;
}

}  // namespace eda::events
