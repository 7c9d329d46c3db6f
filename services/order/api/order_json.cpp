#include "order/api/order_json.hpp"

#include <cstdio>
#include <ctime>

namespace eda::order {

std::string FormatTime(TimePoint t) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
  const std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms % 1000));
  return buf;
}

boost::json::object OrderJson(const Order& o) {
  boost::json::object j;
  j["id"] = o.id.value();
  j["deliveryId"] = o.delivery_id ? boost::json::value(*o.delivery_id) : boost::json::value(nullptr);
  j["memberId"] = o.member_id.value();
  j["orderName"] = o.order_name;
  j["productCount"] = o.product_count;
  j["amount"] = o.amount;
  j["orderStatus"] = SeedStatusName(o.status);
  j["paymentKey"] = o.payment_key.value().empty() ? boost::json::value(nullptr) : boost::json::value(o.payment_key.value());
  j["createdAt"] = FormatTime(o.created_at);
  j["status"] = StatusName(o.status);
  j["productId"] = o.product_id.value();
  j["currency"] = "KRW";
  j["deliveryCompany"] = o.delivery_company;
  j["address"] = o.address;
  j["approvedAt"] = o.approved_at.empty() ? boost::json::value(nullptr) : boost::json::value(o.approved_at);
  j["updatedAt"] = FormatTime(o.updated_at);
  j["flagged"] = o.flagged;
  j["cancelRequestedAt"] = o.cancel_requested_at ? boost::json::value(FormatTime(*o.cancel_requested_at)) : boost::json::value(nullptr);
  return j;
}

boost::json::object SellerOrderJson(const Order& o) {
  boost::json::object j;
  j["id"] = o.id.value();
  j["productId"] = o.product_id.value();
  j["productCount"] = o.product_count;
  j["orderName"] = o.order_name;
  j["amount"] = o.amount;
  j["currency"] = "KRW";
  j["status"] = StatusName(o.status);
  j["orderStatus"] = SeedStatusName(o.status);
  j["createdAt"] = FormatTime(o.created_at);
  j["updatedAt"] = FormatTime(o.updated_at);
  return j;
}

boost::json::object OrderViewJson(const OrderView& v) {
  boost::json::object j = OrderJson(v.order);
  boost::json::array history;
  for (const auto& h : v.history) {
    history.push_back(boost::json::object{{"from", StatusName(h.from)}, {"to", StatusName(h.to)},
                                          {"reason", h.reason}, {"at", FormatTime(h.at)}});
  }
  j["history"] = std::move(history);
  return j;
}

boost::json::object CreatedJson(const Order& o, const std::string& checkout_url) {
  return boost::json::object{{"orderId", o.id.value()},         {"orderName", o.order_name}, {"amount", o.amount},
                             {"currency", "KRW"},       {"status", StatusName(o.status)},
                             {"checkoutUrl", checkout_url}};
}

}  // namespace eda::order
