#include "delivery/store/http_order_directory.hpp"

#include <algorithm>

#include <boost/json.hpp>

namespace eda::delivery {

Result<std::optional<OrderFacts>> HttpOrderDirectory::Find(const OrderId& order_id) const {
  const std::string& id = order_id.value();
  // Order ids are "ORD" + hex (the seed's format); anything else cannot be an order and must not
  // reach a URL path.
  const bool plain = !id.empty() && id.size() <= 64 &&
                     std::all_of(id.begin(), id.end(), [](char c) {
                       return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
                     });
  if (!plain) return std::optional<OrderFacts>{};
  httpclient::Request req;
  req.method = httpclient::Method::kGet;
  req.url = order_url_ + "/orders/internal/orders/" + id;
  req.headers.emplace_back("Accept", "application/json");
  req.headers.emplace_back("Authorization", "Bearer " + token_.Reveal());
  req.timeout = timeout_;
  req.idempotent = true;
  auto res = client_.SendBlocking(std::move(req));
  if (!res) return Error::Transient("order.unavailable", res.error().code + ": " + res.error().message);
  if (res->status == 404) return std::optional<OrderFacts>{};
  if (res->status >= 500 || res->status == 429) {
    return Error::Transient("order.unavailable", "the order service answered " + std::to_string(res->status));
  }
  if (res->status != 200) return Error::Permanent("order.refused", "the order service answered " + std::to_string(res->status));
  auto json = res->Json();
  const boost::json::object* o = json ? json->if_object() : nullptr;
  const auto text = [o](std::string_view k) -> const boost::json::string* {
    const boost::json::value* v = o ? o->if_contains(k) : nullptr;
    return v != nullptr && v->is_string() ? &v->get_string() : nullptr;
  };
  const auto number = [o](std::string_view k) -> const boost::json::value* {
    const boost::json::value* v = o ? o->if_contains(k) : nullptr;
    return v != nullptr && v->is_int64() ? v : nullptr;
  };
  const auto *status = text("status"), *key = text("paymentKey");
  const auto *count = number("productCount"), *member = number("memberId"), *amount = number("amount");
  if (status == nullptr || key == nullptr || count == nullptr || member == nullptr || amount == nullptr) {
    return Error::Permanent("order.refused", "the order service's answer lacks status, counts or the payment");
  }
  return std::optional(OrderFacts{std::string(*status), count->get_int64(), MemberId(member->get_int64()),
                                  amount->get_int64(), PaymentKey(std::string(*key))});
}

}  // namespace eda::delivery
