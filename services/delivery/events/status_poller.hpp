#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "delivery/domain/carrier.hpp"
#include "delivery/store/sql_delivery_queries.hpp"
#include "delivery/store/sql_transition_store.hpp"
#include "eda/metrics/registry.hpp"

namespace eda::delivery {

struct PollerSettings {
  std::chrono::milliseconds interval{200'000};  // EDA_DELIVERY_POLL_SECONDS (the original: 200 s)
  int batch = 500;                              // EDA_DELIVERY_POLL_BATCH: deliveries per round
};

// Background thread: every `interval`, asks the carrier about each booked, non-terminal delivery
// and applies ProgressDelivery (conditional update + delivery-status-update per transition). A
// carrier or database error skips that delivery until the next round. With several replicas, the
// conditional UPDATE makes each transition emit once. Start/Stop from one controlling thread; Stop
// waits for the current round. Also refreshes eda_delivery_shipments{status}.
class StatusPoller {
 public:
  StatusPoller(PollerSettings settings, SqlDeliveryQueries& queries, const CarrierDirectory& carriers,
               SqlTransitionStore& store, metrics::Registry* registry = nullptr);
  ~StatusPoller();

  void Start();
  void Stop();
  // One round now (also used by tests); returns the number of transitions applied.
  int RunOnce();
  void Wake();

 private:
  void Loop();

  PollerSettings settings_;
  SqlDeliveryQueries& queries_;
  const CarrierDirectory& carriers_;
  SqlTransitionStore& store_;
  metrics::Family<metrics::Gauge>* shipments_ = nullptr;
  metrics::Counter* transitions_ = nullptr;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  bool wake_ = false;
  std::thread thread_;
};

}  // namespace eda::delivery
