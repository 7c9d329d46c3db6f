#include "eda/e2e/shop_types.hpp"

#include <charconv>

#include <boost/json/object.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

#include "response_fields.hpp"

namespace eda::e2e {

std::optional<Checkout> ParseCheckoutUrl(std::string_view window_url) {
  auto parsed = boost::urls::parse_uri(window_url);
  if (!parsed) return std::nullopt;
  const boost::urls::url_view u = *parsed;
  if (u.path() != "/sandbox/checkout") return std::nullopt;
  Checkout c;
  c.window_url = std::string(window_url);
  bool has_amount = false;
  for (const auto& p : u.params()) {
    const std::string& k = p.key;
    const std::string& v = p.value;
    if (k == "clientKey") c.client_key = v;
    else if (k == "customerKey") c.customer_key = v;
    else if (k == "orderId") c.order_id = v;
    else if (k == "orderName") c.order_name = v;
    else if (k == "currency") c.currency = v;
    else if (k == "successUrl") c.success_url = v;
    else if (k == "failUrl") c.fail_url = v;
    else if (k == "metadata") c.metadata = v;
    else if (k == "customerName") c.customer_name = v;
    else if (k == "customerEmail") c.customer_email = v;
    else if (k == "customerMobilePhone") c.customer_mobile_phone = v;
    else if (k == "amount") {
      const auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), c.amount);
      has_amount = ec == std::errc() && ptr == v.data() + v.size();
    }
  }
  if (c.order_id.empty() || !has_amount) return std::nullopt;
  return c;
}

bool OrderSnapshot::Reached(std::string_view s) const {
  for (const auto& h : history) {
    if (h.to == s) return true;
  }
  return false;
}

std::string OrderSnapshot::HistoryPath() const {
  std::string out;
  for (const auto& h : history) {
    if (!out.empty()) out += '>';
    out += h.to;
  }
  return out;
}

std::optional<OrderSnapshot> ParseOrderSnapshot(const boost::json::value& json) {
  if (!json.is_object()) return std::nullopt;
  const boost::json::object& o = json.as_object();
  const boost::json::value* id = o.if_contains("id");
  if (id == nullptr || !id->is_string()) return std::nullopt;
  OrderSnapshot s;
  s.id = std::string(id->as_string());
  s.status = StringAt(o, "status");
  s.seed_status = StringAt(o, "orderStatus");
  s.amount = IntAt(o, "amount");
  s.product_id = IntAt(o, "productId");
  s.product_count = IntAt(o, "productCount");
  s.member_id = IntAt(o, "memberId");
  s.payment_key = StringAt(o, "paymentKey");
  if (const boost::json::value* d = o.if_contains("deliveryId"); d != nullptr && !d->is_null()) s.delivery_id = IntAt(o, "deliveryId");
  if (const boost::json::value* f = o.if_contains("flagged"); f != nullptr && f->is_bool()) s.flagged = f->as_bool();
  if (const boost::json::value* h = o.if_contains("history"); h != nullptr && h->is_array()) {
    for (const boost::json::value& e : h->as_array()) {
      if (!e.is_object()) continue;
      const boost::json::object& row = e.as_object();
      s.history.push_back(HistoryEntry{StringAt(row, "from"), StringAt(row, "to"), StringAt(row, "reason"), StringAt(row, "at")});
    }
  }
  s.json = json;
  return s;
}

bool IsTerminalStatus(std::string_view status) {
  return status == "DELIVERED" || status == "PAYMENT_FAILED" || status == "CANCELLED" || status == "EXPIRED";
}

}  // namespace eda::e2e
