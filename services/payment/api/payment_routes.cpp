#include "payment/api/payment_routes.hpp"

#include "eda/http/json_body.hpp"
#include "eda/log/log.hpp"
#include "payment/api/error_table.hpp"
#include "payment/api/payment_json.hpp"
#include "payment/domain/payment_rules.hpp"

namespace eda::payment {
namespace {

using boost::asio::awaitable;

constexpr std::size_t kMaxPaymentKey = 200;

Caller CallerOf(const http::Request& req) {
  const auto* p = req.principal();
  if (p == nullptr) return Caller{};
  return Caller{MemberId(p->member_id), p->HasRole("ADMIN")};
}

http::Problem Problem(PaymentErrc errc, std::string detail) { return ToProblem(PaymentError{errc, std::move(detail)}); }

// The answer hides what failed underneath; the log keeps it.
http::Problem Failed(const http::Request& req, const PaymentError& error) {
  if (!error.cause.empty()) {
    log::Warn(req.log_context(), "payment request failed", {{"route", req.route_pattern()}, {"cause", error.cause}});
  }
  return ToProblem(error);
}

}  // namespace

void AddPaymentRoutes(http::Router& router, PaymentDirectory& directory, http::BlockingPool& blocking) {
  // Seed lookup: POST with the key in the body (kept for wire compatibility).
  router.Post("/payments/payment", [&](http::Request& req) -> awaitable<http::Response> {
    auto body = http::JsonBody::Parse(req.body());
    if (!body.ok()) co_return body.error();
    const std::string key = body->String("paymentKey", http::StringRule::Length(1, kMaxPaymentKey));
    if (!body->ok()) co_return body->ToProblem();
    auto found = co_await blocking.Run([&] { return directory.FindByPaymentKey(PaymentKey(key)); });
    if (!found) co_return Failed(req, found.error());
    if (!*found) co_return Problem(PaymentErrc::kNotFound, "no payment with this paymentKey");
    if (!MayAccess(CallerOf(req), **found)) co_return Problem(PaymentErrc::kForbidden, "not your payment");
    co_return http::Response::Json(ToJson(**found));
  }, http::RequireAuth());

  // The seed's refund route stays for wire compatibility, but it no longer refunds: money returned
  // behind the order's back would leave the parcel travelling and the stock taken. The order's
  // cancel stops the shipment first and then refunds through the saga (docs/SAGA.md).
  router.Delete("/payments/cancel", [&](http::Request& req) -> awaitable<http::Response> {
    auto body = http::JsonBody::Parse(req.body());
    if (!body.ok()) co_return body.error();
    const std::string key = body->String("paymentKey", http::StringRule::Length(1, kMaxPaymentKey));
    (void)body->OptionalString("cancelReason", http::StringRule::Length(1, 200));
    (void)body->OptionalInt("cancelAmount", http::IntRule::AtLeast(1));
    if (!body->ok()) co_return body->ToProblem();
    auto found = co_await blocking.Run([&] { return directory.FindByPaymentKey(PaymentKey(key)); });
    if (!found) co_return Failed(req, found.error());
    if (!*found) co_return Problem(PaymentErrc::kNotFound, "no payment with this paymentKey");
    const PaymentRecord& payment = **found;
    if (!MayAccess(CallerOf(req), payment)) co_return Problem(PaymentErrc::kForbidden, "not your payment");
    if (payment.status == PaymentStatus::kCanceled) {
      co_return Problem(PaymentErrc::kAlreadyCanceled, "the payment was refunded before");
    }
    co_return Problem(PaymentErrc::kCancelThroughOrder,
                      "cancel the order instead (POST /orders/orders/" + payment.order_id.value() +
                          "/cancel): its payment is refunded once its shipment is stopped");
  }, http::RequireAuth());

  // Toss webhook. Unsigned for payment events: only the payment key is taken from the body; the state
  // is re-fetched from Toss. 200 = handled (or deliberately ignored); 503 = Toss should retry.
  router.Post("/payments/webhooks/toss", [&](http::Request& req) -> awaitable<http::Response> {
    auto body = http::JsonBody::Parse(req.body());
    if (!body.ok()) co_return body.error();
    const std::string event_type = body->String("eventType", http::StringRule::Length(1, 64));
    if (!body->ok()) co_return body->ToProblem();
    if (event_type != "PAYMENT_STATUS_CHANGED") {
      boost::json::object out;
      out["result"] = "ignored";
      out["eventType"] = event_type;
      co_return http::Response::Json(out);
    }
    auto data = body->Object("data");
    const std::string key = data.String("paymentKey", http::StringRule::Length(1, kMaxPaymentKey));
    if (!body->ok()) co_return body->ToProblem();
    auto done = co_await blocking.Run([&] { return directory.Reconcile(PaymentKey(key)); });
    if (!done) co_return Failed(req, done.error());
    if (done->outcome == "order_mismatch") {
      log::Error(req.log_context(), "webhook: Toss payment belongs to another order",
                 {{"order_id", done->payment ? std::string_view(done->payment->order_id.value()) : std::string_view()}});
    }
    log::Info(req.log_context(), "toss webhook reconciled",
              {{"outcome", done->outcome},
               {"transmission_id", req.header("tosspayments-webhook-transmission-id")},
               {"order_id", done->payment ? std::string_view(done->payment->order_id.value()) : std::string_view()}});
    boost::json::object out;
    out["result"] = done->outcome;
    co_return http::Response::Json(out);
  });
}

}  // namespace eda::payment
