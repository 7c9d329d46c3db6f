#include "order/api/order_metrics.hpp"

#include <string>

namespace eda::order {
namespace {

// Saga latencies: 50 ms .. 30 min (the sandbox answers at once; real carriers take hours, counted in +Inf).
metrics::Histogram::BucketBoundaries SagaBuckets() {
  return {0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800};
}

}  // namespace

OrderMetrics::OrderMetrics(metrics::Registry& registry)
    : in_flight_(registry.GaugeFamily("eda_orders_in_flight", "Orders per status that is not terminal")),
      transitions_(registry.CounterFamily("eda_order_transitions_total", "Stored order transitions (from == to: notes)")),
      ignored_(registry.CounterFamily("eda_order_events_ignored_total", "Saga events acknowledged without effect")),
      refused_(registry.CounterFamily("eda_order_refused_events_total",
                                      "Saga events refused: their payment key or amount is not the order's")),
      sweeper_(registry.CounterFamily("eda_order_sweeper_actions_total", "Sweeper actions")),
      to_delivery_requested_(registry.HistogramFamily("eda_order_saga_seconds", "Saga step latency from finish")
                                 .Add({{"step", "finish_to_delivery_requested"}}, SagaBuckets())),
      to_delivered_(registry.HistogramFamily("eda_order_saga_seconds", "Saga step latency from finish")
                        .Add({{"step", "finish_to_delivered"}}, SagaBuckets())) {}

void OrderMetrics::Stored(const Order& before, const Outcome& outcome, TimePoint now) {
  if (!outcome.history) return;
  transitions_.Add({{"from", std::string(StatusName(before.status))}, {"to", std::string(StatusName(outcome.order.status))}})
      .Increment();
  if (before.status == outcome.order.status || !outcome.order.finished_at) return;
  const double seconds = std::chrono::duration<double>(now - *outcome.order.finished_at).count();
  if (outcome.order.status == OrderStatus::kDeliveryRequested) to_delivery_requested_.Observe(seconds);
  if (outcome.order.status == OrderStatus::kDelivered) to_delivered_.Observe(seconds);
}

void OrderMetrics::Ignored(std::string_view topic, std::string_view why) {
  // `why` starts with a fixed phrase ("stale in state X", "invalid in state X", "unknown order").
  ignored_.Add({{"topic", std::string(topic)}, {"why", std::string(why)}}).Increment();
}

void OrderMetrics::Refused(std::string_view topic, std::string_view reason) {
  refused_.Add({{"topic", std::string(topic)}, {"reason", std::string(reason)}}).Increment();
}

void OrderMetrics::Swept(const SweepReport& r) {
  const auto add = [&](const char* action, int n) {
    if (n > 0) sweeper_.Add({{"action", action}}).Increment(n);
  };
  add("expired", r.expired);
  add("republished", r.republished);
  add("refund_retriggered", r.refund_retriggered);
  add("flagged", r.flagged);
  add("error", r.errors);
}

void OrderMetrics::SetInFlight(const std::vector<std::pair<OrderStatus, std::int64_t>>& counts) {
  for (OrderStatus s : kAllOrderStatuses) {
    if (IsTerminal(s)) continue;
    std::int64_t n = 0;
    for (const auto& [status, count] : counts) {
      if (status == s) n = count;
    }
    in_flight_.Add({{"status", std::string(StatusName(s))}}).Set(static_cast<double>(n));
  }
}

}  // namespace eda::order
