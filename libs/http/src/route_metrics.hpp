#pragma once

#include <array>
#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "eda/http/method.hpp"
#include "eda/http/router.hpp"
#include "eda/metrics/registry.hpp"

namespace eda::http {

// Per-route request metrics with no per-request lookups: the latency histogram of each route is made
// up front, and the counter of each (route, status) is made on first use and cached in an atomic slot.
//   eda_http_requests_total{service,route,method,status}
//   eda_http_request_duration_seconds{service,route,method}
// Unmatched requests are recorded under route="unmatched". Thread-safe.
class RouteMetrics {
 public:
  RouteMetrics(metrics::Registry& registry, std::string service, const Router& router);

  // `route` may be null (no route matched).
  void Record(const Route* route, Method method, int status, double seconds);

 private:
  struct Slot {
    std::string route;
    std::string method;
    metrics::Histogram* latency = nullptr;
    std::array<std::atomic<metrics::Counter*>, 600> by_status{};
  };
  Slot& SlotFor(const Route* route, Method method);

  std::string service_;
  metrics::Family<metrics::Counter>& requests_;
  metrics::Family<metrics::Histogram>& latency_;
  std::vector<std::unique_ptr<Slot>> slots_;  // one per route, then one per Method for unmatched
  std::size_t route_count_ = 0;
};

}  // namespace eda::http
