#include "order/api/internal_routes.hpp"

#include <boost/json/object.hpp>

#include "eda/log/log.hpp"
#include "order/api/error_table.hpp"
#include "order/domain/order_status.hpp"

namespace eda::order {
namespace {

using boost::asio::awaitable;
using http::Request;
using http::Response;

// Whether `authorization` is "Bearer <token>", compared in time independent of where it differs.
bool BearerMatches(std::string_view authorization, std::string_view token) {
  constexpr std::string_view kScheme = "Bearer ";
  if (authorization.size() != kScheme.size() + token.size() || !authorization.starts_with(kScheme)) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < token.size(); ++i) {
    diff |= static_cast<unsigned char>(authorization[kScheme.size() + i] ^ token[i]);
  }
  return diff == 0;
}

}  // namespace

void AddOrderInternalRoutes(http::Router& router, const OrderService& service, http::BlockingPool& blocking,
                            config::Secret delivery_token) {
  router.Get("/orders/internal/orders/{orderId}",
             [&service, &blocking, token = std::move(delivery_token)](Request& req) -> awaitable<Response> {
               if (token.empty()) {
                 co_return http::Problem::Make(403, "forbidden", "no service token is configured (EDA_ORDER_DELIVERY_TOKEN)");
               }
               if (!BearerMatches(req.header("Authorization"), token.Reveal())) {
                 Response refused(http::Problem::Make(401, "unauthorized", "the delivery service's token is required"));
                 refused.SetHeader("WWW-Authenticate", "Bearer");
                 co_return refused;
               }
               const std::string id(req.path_param("orderId"));
               // The service reads the order as an administrator would: the token stands for the
               // delivery service, not for a member.
               auto view = co_await blocking.Run([&] { return service.Get(Caller{MemberId(0), true, {}}, OrderId(id)); });
               if (!view.ok()) {
                 if (view.error().code != OrderErrc::kOrderNotFound) {
                   log::Error(req.log_context(), "order request failed",
                              {{"route", req.route_pattern()}, {"cause", view.error().cause}});
                 }
                 co_return ToProblem(view.error());
               }
               const Order& o = view->order;
               co_return Response::Json(boost::json::object{{"orderId", o.id.value()},
                                                            {"status", StatusName(o.status)},
                                                            {"productId", o.product_id.value()},
                                                            {"productCount", o.product_count},
                                                            {"memberId", o.member_id.value()},
                                                            {"amount", o.amount},
                                                            {"paymentKey", o.payment_key.value()}});
             });
}

}  // namespace eda::order
