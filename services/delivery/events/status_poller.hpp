#pragma once

#include <chrono>

#include "delivery/domain/carrier.hpp"
#include "delivery/store/sql_delivery_queries.hpp"
#include "delivery/store/sql_transition_store.hpp"
#include "eda/metrics/registry.hpp"

namespace eda::delivery {

struct PollerSettings {
  std::chrono::milliseconds interval{200'000};  // EDA_DELIVERY_POLL_SECONDS (the original: 200 s)
  int batch = 500;                              // EDA_DELIVERY_POLL_BATCH: deliveries per round
};

// One round of the carrier poll: asks the carrier about each booked, non-terminal delivery and
// applies ProgressDelivery (conditional update + delivery-status-update per transition). A carrier or
// database error skips that delivery until the next round. main.cpp runs it every `interval` as a
// service::PeriodicTask that one instance leads; even two overlapping rounds emit each transition
// once (the UPDATE is conditional). Also refreshes eda_delivery_shipments_in_flight{status}.
class StatusPoller {
 public:
  StatusPoller(PollerSettings settings, SqlDeliveryQueries& queries, const CarrierDirectory& carriers,
               SqlTransitionStore& store, metrics::Registry* registry = nullptr);

  // Returns the number of transitions applied.
  int RunOnce();

 private:
  PollerSettings settings_;
  SqlDeliveryQueries& queries_;
  const CarrierDirectory& carriers_;
  SqlTransitionStore& store_;
  metrics::Family<metrics::Gauge>* shipments_ = nullptr;
  metrics::Counter* transitions_ = nullptr;
};

}  // namespace eda::delivery
