#include "delivery/api/delivery_routes.hpp"

#include "delivery/api/delivery_json.hpp"
#include "delivery/api/error_table.hpp"
#include "delivery/domain/delivery_rules.hpp"
#include "eda/http/json_body.hpp"
#include "eda/log/log.hpp"

namespace eda::delivery {
namespace {

using boost::asio::awaitable;

http::Problem ToProblem(DeliveryErrc errc, std::string detail) {
  const auto& m = MapError(errc);
  http::Problem p = http::Problem::Make(m.status, std::string(m.code), std::move(detail));
  p.type = std::string(m.type);
  p.title = std::string(m.title);
  return p;
}

// Infrastructure errors: retryable ones are 503, the rest 500 (logged, never shown).
http::Problem FromError(const Error& e) {
  if (e.code == "carrier.unavailable" || e.code == "carrier.protocol") {
    return ToProblem(DeliveryErrc::kCarrierUnavailable, "the carrier did not answer; retry later");
  }
  if (e.code == "delivery.invalid_request") return ToProblem(DeliveryErrc::kInvalidRequest, e.message);
  log::Warn("delivery request failed", {{"code", e.code}, {"error", e.message}});
  if (e.retryable) return ToProblem(DeliveryErrc::kUnavailable, "a dependency is unavailable");
  return ToProblem(DeliveryErrc::kInternal, "internal error");
}

Caller CallerOf(const http::Request& req) {
  const auto* p = req.principal();
  if (p == nullptr) return Caller{};
  return Caller{MemberId(p->member_id), p->HasRole("ADMIN")};
}

}  // namespace

void AddDeliveryRoutes(http::Router& router, DeliveryDirectory& dir, http::BlockingPool& blocking) {
  router.Post("/delivery/addresses/register", [&](http::Request& req) -> awaitable<http::Response> {
    auto body = http::JsonBody::Parse(req.body());
    if (!body.ok()) co_return body.error();
    MemberAddress a;
    a.member_id = MemberId(body->Int("memberId", http::IntRule::AtLeast(1)));
    a.address = body->String("address", http::StringRule::Length(1, 500));
    a.alias = body->OptionalString("alias", http::StringRule::Length(0, 100)).value_or("");
    if (!body->ok()) co_return body->ToProblem();
    if (!MayAccess(CallerOf(req), a.member_id)) co_return ToProblem(DeliveryErrc::kForbidden, "not your member id");
    auto saved = co_await blocking.Run([&] { return dir.InsertAddress(a); });
    if (!saved) co_return FromError(saved.error());
    co_return http::Response::Json(201, ToJson(*saved));
  }, http::RequireAuth());

  router.Get("/delivery/address/{addressId}", [&](http::Request& req) -> awaitable<http::Response> {
    auto id = req.path_param_int("addressId");
    if (!id || *id < 1) co_return ToProblem(DeliveryErrc::kInvalidRequest, "addressId must be a positive integer");
    auto found = co_await blocking.Run([&] { return dir.FindAddress(*id); });
    if (!found) co_return FromError(found.error());
    if (!*found) co_return ToProblem(DeliveryErrc::kAddressNotFound, "no address " + std::to_string(*id));
    if (!MayAccess(CallerOf(req), (*found)->member_id)) co_return ToProblem(DeliveryErrc::kForbidden, "not your address");
    co_return http::Response::Json(ToJson(**found));
  }, http::RequireAuth());

  router.Get("/delivery/members/{memberId}/addresses", [&](http::Request& req) -> awaitable<http::Response> {
    auto id = req.path_param_int("memberId");
    if (!id || *id < 1) co_return ToProblem(DeliveryErrc::kInvalidRequest, "memberId must be a positive integer");
    const MemberId member(*id);
    if (!MayAccess(CallerOf(req), member)) co_return ToProblem(DeliveryErrc::kForbidden, "not your member id");
    auto list = co_await blocking.Run([&] { return dir.ListAddresses(member); });
    if (!list) co_return FromError(list.error());
    boost::json::array out;
    for (const auto& a : *list) out.push_back(ToJson(a));
    co_return http::Response::Json(out);
  }, http::RequireAuth());

  router.Post("/delivery/process-delivery", [&](http::Request& req) -> awaitable<http::Response> {
    auto body = http::JsonBody::Parse(req.body());
    if (!body.ok()) co_return body.error();
    DeliveryRequest r;
    r.order_id = OrderId(body->String("orderId", http::StringRule::Length(1, 64)));
    r.order_name = body->OptionalString("orderName", http::StringRule::Length(0, 200)).value_or("");
    r.address = body->String("address", http::StringRule::Length(1, 500));
    r.delivery_company = body->String("deliveryCompany", http::StringRule::Length(1, 32));
    r.product_count = body->Int("productCount", http::IntRule::AtLeast(1));
    r.member_id = MemberId(body->Int("memberId", http::IntRule::AtLeast(1)));
    r.payment_key = PaymentKey(body->OptionalString("paymentKey", http::StringRule::Length(0, 200)).value_or(""));
    r.approved_at = body->OptionalString("approvedAt", http::StringRule::Length(0, 64)).value_or("");
    r.amount = body->OptionalInt("amount", http::IntRule::AtLeast(0)).value_or(0);
    if (!body->ok()) co_return body->ToProblem();
    auto done = co_await blocking.Run([&] { return dir.Process(r); });
    if (!done) co_return FromError(done.error());
    co_return http::Response::Json(ToJson(*done));
  }, http::RequireRoles({"ADMIN"}));

  router.Get("/delivery/orders/{orderId}", [&](http::Request& req) -> awaitable<http::Response> {
    const OrderId order_id{std::string(req.path_param("orderId"))};
    if (order_id.value().size() > 64) co_return ToProblem(DeliveryErrc::kInvalidRequest, "orderId is too long");
    auto found = co_await blocking.Run([&] { return dir.FindByOrder(order_id); });
    if (!found) co_return FromError(found.error());
    if (!*found) co_return ToProblem(DeliveryErrc::kDeliveryNotFound, "no delivery for order " + order_id.value());
    if (!MayAccess(CallerOf(req), (*found)->request.member_id)) co_return ToProblem(DeliveryErrc::kForbidden, "not your order");
    co_return http::Response::Json(ToJson(**found));
  }, http::RequireAuth());

  router.Get("/delivery/deliveries/{deliveryId}", [&](http::Request& req) -> awaitable<http::Response> {
    auto id = req.path_param_int("deliveryId");
    if (!id || *id < 1) co_return ToProblem(DeliveryErrc::kInvalidRequest, "deliveryId must be a positive integer");
    auto found = co_await blocking.Run([&] { return dir.FindById(DeliveryId(*id)); });
    if (!found) co_return FromError(found.error());
    if (!*found) co_return ToProblem(DeliveryErrc::kDeliveryNotFound, "no delivery " + std::to_string(*id));
    if (!MayAccess(CallerOf(req), (*found)->request.member_id)) co_return ToProblem(DeliveryErrc::kForbidden, "not your delivery");
    co_return http::Response::Json(ToJson(**found));
  }, http::RequireAuth());
}

}  // namespace eda::delivery
