#include "route_metrics.hpp"

namespace eda::http {

namespace {
constexpr int kMethodCount = static_cast<int>(Method::kOther) + 1;
}  // namespace

RouteMetrics::RouteMetrics(metrics::Registry& registry, std::string service, const Router& router)
    : service_(std::move(service)),
      requests_(registry.CounterFamily("eda_http_requests_total", "HTTP requests by route, method and status")),
      latency_(registry.HistogramFamily("eda_http_request_duration_seconds",
                                        "HTTP request handling time (routing to response ready) in seconds")) {
  auto make = [&](std::string route, std::string method) {
    auto slot = std::make_unique<Slot>();
    slot->route = std::move(route);
    slot->method = std::move(method);
    slot->latency = &latency_.Add({{"service", service_}, {"route", slot->route}, {"method", slot->method}},
                                  metrics::Registry::LatencyBuckets());
    slots_.push_back(std::move(slot));
  };
  for (const Route* r : router.routes()) make(r->pattern, std::string(ToString(r->method)));
  route_count_ = slots_.size();
  for (int m = 0; m < kMethodCount; ++m) make("unmatched", std::string(ToString(static_cast<Method>(m))));
}

RouteMetrics::Slot& RouteMetrics::SlotFor(const Route* route, Method method) {
  if (route != nullptr && route->index < route_count_) return *slots_[route->index];
  return *slots_[route_count_ + static_cast<std::size_t>(method)];
}

void RouteMetrics::Record(const Route* route, Method method, int status, double seconds) {
  Slot& slot = SlotFor(route, method);
  slot.latency->Observe(seconds);
  if (status < 100 || status >= 600) status = 599;
  auto& cell = slot.by_status[static_cast<std::size_t>(status)];
  metrics::Counter* counter = cell.load(std::memory_order_acquire);
  if (counter == nullptr) {
    // Family::Add returns the existing metric for equal labels, so a race here is harmless.
    counter = &requests_.Add(
        {{"service", service_}, {"route", slot.route}, {"method", slot.method}, {"status", std::to_string(status)}});
    cell.store(counter, std::memory_order_release);
  }
  counter->Increment();
}

}  // namespace eda::http
