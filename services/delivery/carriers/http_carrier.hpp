#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <string>

#include "delivery/domain/carrier.hpp"
#include "eda/httpclient/client.hpp"
#include "eda/metrics/registry.hpp"
#include "eda/topology/ports.hpp"

namespace eda::delivery {

struct CarrierSettings {
  std::string base_url = topology::LocalUrl(topology::kCarrierSimPort);  // EDA_CARRIER_URL: the carrier API (eda-carrier-sim)
  std::chrono::milliseconds timeout{3000};          // EDA_CARRIER_TIMEOUT_MS: one request, retries included
};

// Metric families the adapters record into (null: not recorded). Owned by a metrics::Registry.
struct CarrierMetrics {
  metrics::Family<metrics::Histogram>* latency;  // eda_carrier_request_seconds{carrier,op}
  metrics::Family<metrics::Counter>* errors;     // eda_carrier_errors_total{carrier,op,kind}
};

// One carrier adapter over the carrier simulator's API:
//   POST {base}/carriers/{CODE}/shipments {orderId, address, productCount, orderName} → trackingNumber
//   GET  {base}/carriers/{CODE}/shipments/{trackingNumber} → status
//   POST {base}/carriers/{CODE}/shipments/{trackingNumber}/cancel → 200 cancelled, 409 already picked up
// Error classification: transport errors (timeout, connect, io), 5xx and 429 are retryable
// ("carrier.unavailable"); 4xx answers are permanent ("carrier.refused", with the problem detail);
// a 2xx without the expected fields is "carrier.protocol" (retryable: a carrier glitch). POST is
// marked idempotent because the carrier dedups by orderId. Blocking (SendBlocking): never call on the
// client's own I/O thread. Thread-safe. Records eda_carrier_request_seconds{carrier,op} and
// eda_carrier_errors_total{carrier,op,kind} when a registry is given.
class HttpCarrier : public Carrier {
 public:
  using Metrics = CarrierMetrics;
  HttpCarrier(CarrierCode code, const httpclient::Client& client, CarrierSettings settings,
              CarrierMetrics metrics = CarrierMetrics{nullptr, nullptr});

  CarrierCode code() const noexcept override { return code_; }
  Result<std::string> Book(const DeliveryRequest& request) override;
  Result<CarrierStatus> Track(const std::string& tracking_number) override;
  Result<bool> Cancel(const std::string& tracking_number) override;

 private:
  Result<httpclient::Response> Send(httpclient::Request req, std::string_view op);

  CarrierCode code_;
  const httpclient::Client& client_;
  CarrierSettings settings_;
  Metrics metrics_;
};

// The three adapters (HANJIN, LOTTE, CJ) by code. Thread-safe after construction.
class HttpCarrierDirectory : public CarrierDirectory {
 public:
  HttpCarrierDirectory(const httpclient::Client& client, const CarrierSettings& settings,
                       metrics::Registry* registry = nullptr);
  Carrier* Find(std::string_view delivery_company) const override;

 private:
  std::map<std::string, std::unique_ptr<HttpCarrier>, std::less<>> carriers_;
};

}  // namespace eda::delivery
