#include "order/api/order_routes.hpp"

#include <chrono>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "eda/http/json_body.hpp"
#include "eda/log/log.hpp"
#include "order/api/error_table.hpp"
#include "order/api/order_json.hpp"

namespace eda::order {
namespace {

using boost::asio::awaitable;
using http::Request;
using http::Response;

Caller ToCaller(const http::Principal& p) { return Caller{MemberId(p.member_id), p.HasRole("ADMIN"), {}}; }

// The caller's own token (already verified), forwarded to the address book.
std::string BearerToken(const Request& req) {
  const std::string_view h = req.header("Authorization");
  constexpr std::string_view kScheme = "Bearer ";
  return h.size() > kScheme.size() && h.substr(0, kScheme.size()) == kScheme ? std::string(h.substr(kScheme.size())) : std::string();
}

// 5xx answers hide their cause; the log keeps it.
void LogFailure(const Request& req, const OrderError& error) {
  if (error.code == OrderErrc::kUnavailable || error.code == OrderErrc::kInternal ||
      error.code == OrderErrc::kCatalogUnavailable) {
    log::Error(req.log_context(), "order request failed", {{"route", req.route_pattern()}, {"cause", error.cause}});
  }
}

Response Fail(const Request& req, const OrderError& error) {
  LogFailure(req, error);
  return ToProblem(error);
}

Response FailPage(const Request& req, const OrderError& error) {
  LogFailure(req, error);
  const ErrorMapping m = MapError(error.code);
  return HtmlPage(m.status, "주문을 처리할 수 없습니다",
                  "<p>" + HtmlEscape(error.detail) + "</p><p>code: " + HtmlEscape(m.code) + "</p>");
}

constexpr std::int64_t kMaxLongPollSeconds = 20;  // below the server's 30 s write timeout and proxies' usual 60 s
constexpr std::chrono::milliseconds kLongPollInterval{500};

// ?page (default 0) and ?size (default 20) of the list routes; nullopt when out of range.
struct Paging {
  int page = 0;
  int size = 20;
};
std::optional<Paging> PagingOf(const Request& req) {
  const auto page = req.query("page") ? req.query_int("page") : std::optional<std::int64_t>(0);
  const auto size = req.query("size") ? req.query_int("size") : std::optional<std::int64_t>(20);
  if (!page || !size || *page < 0 || *page > 100000 || *size < 1 || *size > 100) return std::nullopt;
  return Paging{static_cast<int>(*page), static_cast<int>(*size)};
}

std::string CheckoutUrl(const CheckoutSettings& s, const Order& o) { return s.public_url + "/orders/checkout/" + o.id.value(); }

}  // namespace

void AddOrderRoutes(http::Router& router, const OrderService& service, http::BlockingPool& blocking,
                    CheckoutSettings checkout) {
  router.Post(
      "/orders",
      [&service, &blocking, checkout](Request& req) -> awaitable<Response> {
        auto body = http::JsonBody::Parse(req.body());
        if (!body.ok()) co_return std::move(body).error();
        CreateOrderInput input;
        input.product_id = ProductId(body->Int("productId", http::IntRule::AtLeast(1)));
        input.product_count = body->Int("productCount", http::IntRule::Between(1, 1000));
        input.delivery_company = body->String("deliveryCompany", http::StringRule::Length(1, 32));
        auto address = body->OptionalString("address", http::StringRule::Length(1, 500));
        input.address_id = body->OptionalInt("addressId", http::IntRule::AtLeast(1));
        if (address && input.address_id) {
          body->AddError("addressId", "send address or addressId, not both");
        } else if (!address && !input.address_id && body->Raw("addressId") == nullptr) {
          body->AddError("address", "is required (or addressId, a saved address)");
        }
        if (!body->ok()) co_return body->ToProblem();
        input.address = address.value_or("");
        Caller caller = ToCaller(*req.principal());
        caller.credentials = BearerToken(req);
        auto order = co_await blocking.Run([&] { return service.Create(caller, input); });
        if (!order.ok()) co_return Fail(req, order.error());
        Response res = Response::Json(201, CreatedJson(*order, CheckoutUrl(checkout, *order)));
        res.SetHeader("Location", "/orders/orders/" + order->id.value());
        co_return res;
      },
      http::RequireRoles({"BUYER"}));

  // The seed's checkout page: creates the order the same way (the client's price and orderName are
  // ignored) and opens the payment window.
  router.Get(
      "/orders/payments",
      [&service, &blocking, checkout](Request& req) -> awaitable<Response> {
        const auto product_id = req.query_int("productId");
        const auto count = req.query_int("productCount");
        const auto query_member = req.query_int("memberId");
        if (!product_id || !count) {
          co_return FailPage(req, {OrderErrc::kInvalidRequest, "productId and productCount are required integers", {}});
        }
        Caller caller;
        if (const http::Principal* p = req.principal()) {
          caller = ToCaller(*p);
          if (query_member && MemberId(*query_member) != caller.member_id && !caller.admin) {
            co_return FailPage(req, {OrderErrc::kForbidden, "memberId is not the signed-in member", {}});
          }
          if (query_member && caller.admin) caller.member_id = MemberId(*query_member);
        } else if (!checkout.seed_anonymous_checkout) {
          co_return FailPage(req, {OrderErrc::kUnauthenticated, "the buyer's bearer token is required", {}});
        } else if (query_member && *query_member > 0) {
          caller.member_id = MemberId(*query_member);  // EDA_ORDER_SEED_ANONYMOUS_CHECKOUT: the seed's page, no token
        } else {
          co_return FailPage(req, {OrderErrc::kInvalidRequest, "memberId is required", {}});
        }
        CreateOrderInput input{ProductId(*product_id), *count, req.query("deliveryCompany").value_or(""),
                               req.query("address").value_or("")};
        const Customer customer{req.query("customerName").value_or(""), req.query("customerEmail").value_or(""),
                                req.query("customerMobilePhone").value_or("")};
        auto order = co_await blocking.Run([&] { return service.Create(caller, input); });
        if (!order.ok()) co_return FailPage(req, order.error());
        co_return CheckoutResponse(*order, customer, checkout);
      },
      http::OptionalAuth());

  router.Get("/orders/checkout/{orderId}", [&service, &blocking, checkout](Request& req) -> awaitable<Response> {
    const std::string id(req.path_param("orderId"));
    auto order = co_await blocking.Run([&] { return service.ForCheckout(OrderId(id)); });
    if (!order.ok()) co_return FailPage(req, order.error());
    co_return CheckoutResponse(*order, Customer{}, checkout);
  });

  // The payment window's successUrl. No token (a browser redirect): see README "success page".
  router.Get("/orders/success", [&service, &blocking](Request& req) -> awaitable<Response> {
    const std::string order_id = req.query("orderId").value_or("");
    const std::string payment_key = req.query("paymentKey").value_or("");
    const auto amount = req.query_int("amount");
    if (order_id.empty() || payment_key.empty() || !amount) {
      co_return FailPage(req, {OrderErrc::kInvalidRequest, "orderId, paymentKey and amount are required", {}});
    }
    const std::string trace = req.trace().ToHeader();
    auto order =
        co_await blocking.Run([&] { return service.Finish(std::nullopt, OrderId(order_id), PaymentKey(payment_key), *amount, trace); });
    if (!order.ok()) co_return FailPage(req, order.error());
    const std::string link = "/orders/orders/" + order->id.value();
    co_return HtmlPage(200, "결제가 접수되었습니다",
                       "<p>Payment received, order in progress: " + HtmlEscape(order->order_name) + " (" +
                           std::to_string(order->amount) + " KRW)</p><p>주문번호 " + HtmlEscape(order->id.value()) +
                           " — 상태 " + std::string(StatusName(order->status)) + "</p><p><a href=\"" + HtmlEscape(link) +
                           "\">주문 상태 보기 (follow the order)</a></p>");
  });

  router.Get("/orders/failure", [](Request& req) -> awaitable<Response> {
    const std::string code = req.query("code").value_or("UNKNOWN");
    const std::string message = req.query("message").value_or("");
    const std::string order_id = req.query("orderId").value_or("");
    co_return HtmlPage(200, "결제가 완료되지 않았습니다",
                       "<p>" + HtmlEscape(message) + "</p><p>code: " + HtmlEscape(code) + "</p><p>주문번호 " +
                           HtmlEscape(order_id) + " (nothing was charged; the order expires if not paid)</p>");
  });

  router.Post(
      "/orders/finish-order",
      [&service, &blocking](Request& req) -> awaitable<Response> {
        auto body = http::JsonBody::Parse(req.body());
        if (!body.ok()) co_return std::move(body).error();
        const std::string payment_key = body->String("paymentKey", http::StringRule::Length(1, 200));
        const std::string order_id = body->String("orderId", http::StringRule::Length(1, 64));
        const std::int64_t amount = body->Int("amount", http::IntRule::AtLeast(0));
        if (!body->ok()) co_return body->ToProblem();
        const Caller caller = ToCaller(*req.principal());
        const std::string trace = req.trace().ToHeader();
        auto order = co_await blocking.Run([&] { return service.Finish(caller, OrderId(order_id), PaymentKey(payment_key), amount, trace); });
        if (!order.ok()) co_return Fail(req, order.error());
        co_return Response::Json(201, OrderJson(*order));
      },
      http::RequireAuth());

  router.Get(
      "/orders/users/{memberId}/orders",
      [&service, &blocking](Request& req) -> awaitable<Response> {
        const auto member = req.path_param_int("memberId");
        if (!member || *member <= 0) co_return http::Problem::Validation({{"memberId", "must be a positive integer"}});
        const auto paging = PagingOf(req);
        if (!paging) co_return http::Problem::Validation({{"page", "page >= 0 and size 1..100"}});
        const Caller caller = ToCaller(*req.principal());
        auto orders = co_await blocking.Run(
            [&] { return service.List(caller, MemberId(*member), paging->page, paging->size); });
        if (!orders.ok()) co_return Fail(req, orders.error());
        boost::json::array out;
        for (const auto& o : *orders) out.push_back(OrderJson(o));
        co_return Response::Json(out);
      },
      http::RequireAuth());

  router.Get(
      "/orders/sellers/{sellerId}/orders",
      [&service, &blocking](Request& req) -> awaitable<Response> {
        const auto seller = req.path_param_int("sellerId");
        if (!seller || *seller <= 0) co_return http::Problem::Validation({{"sellerId", "must be a positive integer"}});
        const auto paging = PagingOf(req);
        if (!paging) co_return http::Problem::Validation({{"page", "page >= 0 and size 1..100"}});
        const Caller caller = ToCaller(*req.principal());
        auto orders = co_await blocking.Run(
            [&] { return service.ListForSeller(caller, MemberId(*seller), paging->page, paging->size); });
        if (!orders.ok()) co_return Fail(req, orders.error());
        boost::json::array out;
        for (const auto& o : *orders) out.push_back(SellerOrderJson(o));
        co_return Response::Json(out);
      },
      http::RequireAuth());

  // Long polling for pages that follow an order live: with `since` (the updatedAt the page shows) and
  // `wait` (1..20 s) the answer comes as soon as the order has moved on, or after `wait` unchanged. The
  // order is re-read every kLongPollInterval: every instance sees changes made by the others, at the
  // cost of one indexed read per waiting page per interval.
  const auto get_one = [&service, &blocking](Request& req) -> awaitable<Response> {
    const std::string id(req.path_param("orderId"));
    const Caller caller = ToCaller(*req.principal());
    const auto since = req.query("since");
    const auto wait = req.query("wait") ? req.query_int("wait") : std::optional<std::int64_t>(0);
    if (!wait || *wait < 0 || *wait > kMaxLongPollSeconds || (*wait > 0 && !since)) {
      co_return http::Problem::Validation({{"wait", "0..20 seconds, with `since` (the updatedAt already shown)"}});
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(*wait);
    boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor);
    for (;;) {
      auto view = co_await blocking.Run([&] { return service.Get(caller, OrderId(id)); });
      if (!view.ok()) co_return Fail(req, view.error());
      if (!since || FormatTime(view->order.updated_at) != *since ||
          std::chrono::steady_clock::now() + kLongPollInterval > deadline) {
        co_return Response::Json(OrderViewJson(*view));
      }
      timer.expires_after(kLongPollInterval);
      co_await timer.async_wait(boost::asio::use_awaitable);
    }
  };
  router.Get("/orders/orders/{orderId}", get_one, http::RequireAuth());
  router.Get("/orders/order/{orderId}", get_one, http::RequireAuth());
  // The seed's exact path: its controller maps /orders + /orders/order/{orderId}.
  router.Get("/orders/orders/order/{orderId}", get_one, http::RequireAuth());

  // 200 once the order is cancelled; 202 while the delivery service stops its shipment (the order
  // then follows delivery-failed to CANCELLED, or shows IN_DELIVERY if the parcel left first).
  const auto cancel = [&service, &blocking](Request& req) -> awaitable<Response> {
    const std::string id(req.path_param("orderId"));
    const Caller caller = ToCaller(*req.principal());
    const std::string trace = req.trace().ToHeader();
    auto order = co_await blocking.Run([&] { return service.Cancel(caller, OrderId(id), trace); });
    if (!order.ok()) co_return Fail(req, order.error());
    co_return Response::Json(order->status == OrderStatus::kCancelled ? 200 : 202, OrderJson(*order));
  };
  router.Post("/orders/orders/{orderId}/cancel", cancel, http::RequireAuth());
  router.Post("/orders/order/{orderId}/cancel", cancel, http::RequireAuth());
}

}  // namespace eda::order
