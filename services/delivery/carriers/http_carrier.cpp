#include "delivery/carriers/http_carrier.hpp"

#include <boost/json.hpp>

#include "delivery/domain/delivery_rules.hpp"

namespace eda::delivery {
namespace {

namespace json = boost::json;

std::string ProblemDetail(const httpclient::Response& res) {
  auto body = res.Json();
  if (body && body->is_object()) {
    if (const auto* d = body->as_object().if_contains("detail"); d != nullptr && d->is_string()) {
      return std::string(d->as_string());
    }
  }
  return "HTTP " + std::to_string(res.status);
}

}  // namespace

HttpCarrier::HttpCarrier(CarrierCode code, const httpclient::Client& client, CarrierSettings settings, Metrics metrics)
    : code_(code), client_(client), settings_(std::move(settings)), metrics_(metrics) {}

Result<httpclient::Response> HttpCarrier::Send(httpclient::Request req, std::string_view op) {
  req.timeout = settings_.timeout;
  const auto start = std::chrono::steady_clock::now();
  auto res = client_.SendBlocking(std::move(req));
  const std::string carrier(ToString(code_));
  std::string kind;
  if (!res) kind = "transport";
  else if (res->status >= 500 || res->status == 429) kind = "unavailable";
  else if (!res->IsSuccess() && res->status != 404 && !(op == "cancel" && res->status == 409)) kind = "refused";
  if (metrics_.latency != nullptr) {
    metrics_.latency->Add({{"carrier", carrier}, {"op", std::string(op)}}, metrics::Registry::LatencyBuckets())
        .Observe(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  if (metrics_.errors != nullptr && !kind.empty()) {
    metrics_.errors->Add({{"carrier", carrier}, {"op", std::string(op)}, {"kind", kind}}).Increment();
  }
  if (!res) return Error::Transient("carrier.unavailable", carrier + " " + std::string(op) + ": " + res.error().message);
  if (kind == "unavailable") {
    return Error::Transient("carrier.unavailable", carrier + " answered HTTP " + std::to_string(res->status));
  }
  return res;
}

Result<std::string> HttpCarrier::Book(const DeliveryRequest& request) {
  const json::object body{{"orderId", request.order_id.value()},
                          {"address", request.address},
                          {"productCount", request.product_count},
                          {"orderName", request.order_name}};
  auto req = httpclient::Request::Json(httpclient::Method::kPost,
                                       settings_.base_url + "/carriers/" + std::string(ToString(code_)) + "/shipments", body);
  req.idempotent = true;
  auto res = Send(std::move(req), "book");
  if (!res) return res.error();
  if (!res->IsSuccess()) return Error::Permanent("carrier.refused", ProblemDetail(*res));
  auto parsed = res->Json();
  if (!parsed || !parsed->is_object()) return Error::Transient("carrier.protocol", "booking answer is not JSON");
  const auto* tn = parsed->as_object().if_contains("trackingNumber");
  if (tn == nullptr || !tn->is_string() || tn->as_string().empty()) {
    return Error::Transient("carrier.protocol", "booking answer has no trackingNumber");
  }
  return std::string(tn->as_string());
}

Result<CarrierStatus> HttpCarrier::Track(const std::string& tracking_number) {
  httpclient::Request req;
  req.method = httpclient::Method::kGet;
  req.url = settings_.base_url + "/carriers/" + std::string(ToString(code_)) + "/shipments/" + tracking_number;
  req.idempotent = true;
  auto res = Send(std::move(req), "track");
  if (!res) return res.error();
  if (!res->IsSuccess()) return Error::Permanent("carrier.refused", ProblemDetail(*res));
  auto parsed = res->Json();
  if (!parsed || !parsed->is_object()) return Error::Transient("carrier.protocol", "tracking answer is not JSON");
  const auto* st = parsed->as_object().if_contains("status");
  if (st == nullptr || !st->is_string()) return Error::Transient("carrier.protocol", "tracking answer has no status");
  auto status = ParseCarrierStatus(std::string_view(st->as_string()));
  if (!status) return Error::Transient("carrier.protocol", "unknown carrier status");
  return *status;
}

Result<bool> HttpCarrier::Cancel(const std::string& tracking_number) {
  httpclient::Request req;
  req.method = httpclient::Method::kPost;
  req.url = settings_.base_url + "/carriers/" + std::string(ToString(code_)) + "/shipments/" + tracking_number + "/cancel";
  req.idempotent = true;  // cancelling a cancelled parcel answers the same
  auto res = Send(std::move(req), "cancel");
  if (!res) return res.error();
  if (res->status == 409) return false;
  if (!res->IsSuccess()) return Error::Permanent("carrier.refused", ProblemDetail(*res));
  return true;
}

HttpCarrierDirectory::HttpCarrierDirectory(const httpclient::Client& client, const CarrierSettings& settings,
                                           metrics::Registry* registry) {
  CarrierMetrics m{nullptr, nullptr};
  if (registry != nullptr) {
    m.latency = &registry->HistogramFamily("eda_carrier_request_seconds", "Carrier API request latency");
    m.errors = &registry->CounterFamily("eda_carrier_errors_total", "Carrier API errors by kind");
  }
  for (auto code : {CarrierCode::kHanjin, CarrierCode::kLotte, CarrierCode::kCj}) {
    carriers_.emplace(std::string(ToString(code)), std::make_unique<HttpCarrier>(code, client, settings, m));
  }
}

Carrier* HttpCarrierDirectory::Find(std::string_view delivery_company) const {
  auto it = carriers_.find(delivery_company);
  return it == carriers_.end() ? nullptr : it->second.get();
}

}  // namespace eda::delivery
