#include "carrier-sim/api/carrier_sim_app.hpp"

#include <array>
#include <ctime>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json.hpp>

#include "eda/http/json_body.hpp"

namespace eda::carrier_sim {
namespace {

namespace json = boost::json;
using boost::asio::awaitable;

json::object ShipmentJson(const ShipmentView& v) {
  json::array events;
  for (const auto& e : v.events) {
    events.push_back(json::object{{"at", FormatUtc(e.at)}, {"status", ToString(e.status)}, {"location", e.location}});
  }
  return json::object{{"carrier", v.shipment.carrier},
                      {"trackingNumber", v.shipment.tracking_number},
                      {"orderId", v.shipment.order_id},
                      {"status", ToString(v.status)},
                      {"events", std::move(events)}};
}

// Injected latency, then maybe an injected 503. nullopt: go on.
awaitable<std::optional<http::Response>> ApplyFaults(FaultPolicy& faults) {
  const Faults f = faults.Get();
  if (f.latency.count() > 0) {
    boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor, f.latency);
    co_await timer.async_wait(boost::asio::use_awaitable);
  }
  if (faults.ShouldFail()) {
    co_return http::Response(http::Problem::Make(503, "carrier_unavailable", "injected carrier fault"));
  }
  co_return std::nullopt;
}

}  // namespace

std::string FormatUtc(TimePoint at) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(at.time_since_epoch()).count();
  const std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  std::array<char, 64> buf{};
  std::snprintf(buf.data(), buf.size(), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms % 1000));
  return buf.data();
}

CarrierSimSettings CarrierSimSettings::Load(config::Reader& env) {
  CarrierSimSettings s;
  s.step = std::chrono::seconds{env.GetInt("EDA_CARRIER_STEP_SECONDS", 60, 1, 86'400)};
  s.faults.error_percent = static_cast<int>(env.GetInt("EDA_CARRIER_ERROR_PERCENT", 0, 0, 100));
  s.faults.latency = std::chrono::milliseconds{env.GetInt("EDA_CARRIER_LATENCY_MS", 0, 0, 60'000)};
  return s;
}

CarrierSimApp::CarrierSimApp(CarrierSimSettings settings, ShipmentRegistry::Clock clock)
    : registry_(settings.step, std::move(clock)), faults_(settings.faults) {}

void CarrierSimApp::AddRoutes(http::Router& router) {
  router.Post("/carriers/{carrier}/shipments", [this](http::Request& req) -> awaitable<http::Response> {
    if (auto fault = co_await ApplyFaults(faults_)) co_return std::move(*fault);
    const std::string carrier(req.path_param("carrier"));
    if (!ShipmentRegistry::IsKnownCarrier(carrier)) co_return http::Problem::Make(404, "unknown_carrier", "no carrier " + carrier);
    auto body = http::JsonBody::Parse(req.body());
    if (!body.ok()) co_return body.error();
    BookRequest br;
    br.order_id = body->String("orderId", http::StringRule::Length(1, 64));
    br.address = body->String("address", http::StringRule::Length(1, 500));
    br.product_count = body->Int("productCount", http::IntRule::Between(1, 1'000'000));
    if (!body->ok()) co_return body->ToProblem();
    auto booked = registry_.Book(carrier, br);
    if (!booked) {
      if (booked.error().code == "carrier.refused") co_return http::Problem::Make(422, "shipment_refused", booked.error().message);
      co_return http::Problem::BadRequest(booked.error().message, "validation_failed");
    }
    auto view = registry_.Find(carrier, booked->shipment.tracking_number);
    co_return http::Response::Json(booked->created ? 201 : 200, ShipmentJson(*view));
  });
  router.Get("/carriers/{carrier}/shipments/{trackingNumber}", [this](http::Request& req) -> awaitable<http::Response> {
    if (auto fault = co_await ApplyFaults(faults_)) co_return std::move(*fault);
    const std::string carrier(req.path_param("carrier"));
    if (!ShipmentRegistry::IsKnownCarrier(carrier)) co_return http::Problem::Make(404, "unknown_carrier", "no carrier " + carrier);
    auto view = registry_.Find(carrier, req.path_param("trackingNumber"));
    if (!view) co_return http::Problem::Make(404, "unknown_shipment", "no such tracking number");
    co_return http::Response::Json(ShipmentJson(*view));
  });
  // A cancel after pickup is refused (409) with the parcel's status, so the caller can report it.
  router.Post("/carriers/{carrier}/shipments/{trackingNumber}/cancel", [this](http::Request& req) -> awaitable<http::Response> {
    if (auto fault = co_await ApplyFaults(faults_)) co_return std::move(*fault);
    const std::string carrier(req.path_param("carrier"));
    if (!ShipmentRegistry::IsKnownCarrier(carrier)) co_return http::Problem::Make(404, "unknown_carrier", "no carrier " + carrier);
    auto cancel = registry_.Cancel(carrier, req.path_param("trackingNumber"));
    if (!cancel) co_return http::Problem::Make(404, "unknown_shipment", "no such tracking number");
    if (!cancel->cancelled) {
      co_return http::Problem::Make(409, "already_picked_up",
                                    "the parcel is " + std::string(ToString(cancel->status)) + " and can no longer be cancelled");
    }
    co_return http::Response::Json(ShipmentJson(*registry_.Find(carrier, req.path_param("trackingNumber"))));
  });
  router.Get("/sim/faults", [this](http::Request&) -> awaitable<http::Response> {
    const Faults f = faults_.Get();
    co_return http::Response::Json(json::object{{"errorPercent", f.error_percent}, {"latencyMs", f.latency.count()}});
  });
  router.Put("/sim/faults", [this](http::Request& req) -> awaitable<http::Response> {
    auto body = http::JsonBody::Parse(req.body());
    if (!body.ok()) co_return body.error();
    Faults f;
    f.error_percent = static_cast<int>(body->Int("errorPercent", http::IntRule::Between(0, 100)));
    f.latency = std::chrono::milliseconds{body->Int("latencyMs", http::IntRule::Between(0, 60'000))};
    if (!body->ok()) co_return body->ToProblem();
    faults_.Set(f);
    co_return http::Response::Json(json::object{{"errorPercent", f.error_percent}, {"latencyMs", f.latency.count()}});
  });
}

}  // namespace eda::carrier_sim
