#include "delivery/events/status_poller.hpp"

#include "delivery/domain/delivery_rules.hpp"
#include "delivery/domain/delivery_service.hpp"
#include "eda/log/log.hpp"

namespace eda::delivery {

StatusPoller::StatusPoller(PollerSettings settings, SqlDeliveryQueries& queries, const CarrierDirectory& carriers,
                           SqlTransitionStore& store, metrics::Registry* registry)
    : settings_(settings), queries_(queries), carriers_(carriers), store_(store) {
  if (registry != nullptr) {
    shipments_ = &registry->GaugeFamily("eda_delivery_shipments_in_flight",
                                        "Deliveries still under way, by status (refreshed every poll)");
    transitions_ = &registry->AddCounter("eda_delivery_transitions_total", "Status transitions applied by the poller");
  }
}

int StatusPoller::RunOnce() {
  int applied = 0;
  auto active = queries_.ListActive(settings_.batch);
  if (!active) {
    log::Warn("delivery poll: cannot list deliveries", {{"code", active.error().code}, {"error", active.error().message}});
    return 0;
  }
  for (const auto& d : *active) {
    auto steps = ProgressDelivery(d, carriers_, store_);
    if (!steps) {
      log::Warn("delivery poll: skipped", {{"delivery_id", d.id.value()}, {"code", steps.error().code}, {"error", steps.error().message}});
      continue;
    }
    for (auto s : *steps) {
      ++applied;
      log::Info("delivery status changed", {{"delivery_id", d.id.value()}, {"order_id", d.request.order_id.value()}, {"status", ToString(s)}});
    }
  }
  if (transitions_ != nullptr && applied > 0) transitions_->Increment(applied);
  if (shipments_ != nullptr) {
    if (auto counts = queries_.CountInFlight()) {
      for (auto s : {DeliveryStatus::kRequested, DeliveryStatus::kInDelivery}) {
        std::int64_t n = 0;
        for (const auto& [name, count] : *counts) {
          if (name == ToString(s)) n = count;
        }
        shipments_->Add({{"status", std::string(ToString(s))}}).Set(static_cast<double>(n));
      }
    }
  }
  return applied;
}

}  // namespace eda::delivery
