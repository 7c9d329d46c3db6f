#pragma once

#include <string_view>
#include <vector>

#include "eda/metrics/registry.hpp"
#include "order/domain/order_saga.hpp"
#include "order/domain/order_service.hpp"

namespace eda::order {

// The order service's Prometheus metrics:
//   eda_orders_in_flight{status}               orders per non-terminal status (refreshed by the sweeper;
//                                              terminal ones: eda_order_transitions_total{to})
//   eda_order_transitions_total{from,to}       stored transitions (from == to: recorded notes)
//   eda_order_events_ignored_total{topic,why}  events acknowledged without effect
//   eda_order_refused_events_total{topic,reason}  events refused as not the order's own (forged or
//                                              misrouted; reason: EventRefusalName)
//   eda_order_sweeper_actions_total{action}    expired, republished, refund_retriggered, flagged, error
//   eda_order_saga_seconds{step}               finish -> DELIVERY_REQUESTED, finish -> DELIVERED
// Thread-safe. `registry` must outlive it.
class OrderMetrics {
 public:
  explicit OrderMetrics(metrics::Registry& registry);

  void Stored(const Order& before, const Outcome& outcome, TimePoint now);
  void Ignored(std::string_view topic, std::string_view why);
  void Refused(std::string_view topic, std::string_view reason);
  void Swept(const SweepReport& report);
  void SetInFlight(const std::vector<std::pair<OrderStatus, std::int64_t>>& counts);

 private:
  metrics::Family<metrics::Gauge>& in_flight_;
  metrics::Family<metrics::Counter>& transitions_;
  metrics::Family<metrics::Counter>& ignored_;
  metrics::Family<metrics::Counter>& refused_;
  metrics::Family<metrics::Counter>& sweeper_;
  metrics::Histogram& to_delivery_requested_;
  metrics::Histogram& to_delivered_;
};

}  // namespace eda::order
