#pragma once

#include <chrono>
#include <string>

#include "carrier-sim/domain/fault_policy.hpp"
#include "carrier-sim/domain/shipment_registry.hpp"
#include "eda/config/reader.hpp"
#include "eda/http/router.hpp"

namespace eda::carrier_sim {

struct CarrierSimSettings {
  std::chrono::milliseconds step{60'000};  // EDA_CARRIER_STEP_SECONDS (default 60): time per status step
  Faults faults;                           // EDA_CARRIER_ERROR_PERCENT (0..100), EDA_CARRIER_LATENCY_MS

  // Reads the variables above; bad values are recorded in `env` (check env.Finish()).
  static CarrierSimSettings Load(config::Reader& env);
};

// The simulator's routes over one ShipmentRegistry and one FaultPolicy (see README.md and
// api/openapi.json). main() and the tests build one; it must outlive the server using its routes.
// Handlers never block (in-memory state; injected latency is an asynchronous timer).
class CarrierSimApp {
 public:
  explicit CarrierSimApp(CarrierSimSettings settings, ShipmentRegistry::Clock clock = [] {
    return std::chrono::system_clock::now();
  });

  void AddRoutes(http::Router& router);

  ShipmentRegistry& registry() { return registry_; }
  FaultPolicy& faults() { return faults_; }

 private:
  ShipmentRegistry registry_;
  FaultPolicy faults_;
};

// ISO 8601 UTC with milliseconds: "2026-11-24T03:04:05.123Z".
std::string FormatUtc(TimePoint at);

}  // namespace eda::carrier_sim
