#include "shop_http.hpp"

#include <boost/json.hpp>

namespace eda::fault_test {

namespace json = boost::json;

namespace {

std::int64_t Int(const json::value* v) {
  if (v == nullptr) return 0;
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64()) return static_cast<std::int64_t>(v->as_uint64());
  if (v->is_double()) return static_cast<std::int64_t>(v->as_double());
  return 0;
}

const json::value* Field(const json::value& v, std::string_view name) {
  return v.is_object() ? v.as_object().if_contains(name) : nullptr;
}

std::string Str(const json::value* v) { return v != nullptr && v->is_string() ? std::string(v->as_string()) : ""; }

HttpReply FromResult(const eda::e2e::HttpResult& r) {
  HttpReply reply;
  reply.status = r.status;
  reply.error = r.error;
  reply.body = r.body;
  return reply;
}

// A failure of the shared client's convenience calls (E2eFailure): reported as "no answer", so the
// caller retries until its deadline (the stack may be mid-restart).
HttpReply FromFailure(const std::string& what) {
  HttpReply reply;
  reply.error = what;
  return reply;
}

}  // namespace

std::string HttpReply::Describe() const {
  if (status == 0) return "no answer (" + error.substr(0, 300) + ")";
  return "HTTP " + std::to_string(status) + " " + body.substr(0, 300);
}

ShopHttp::ShopHttp(StackUrls urls, std::chrono::milliseconds timeout) : shop_(urls, timeout), sandbox_(urls, timeout) {}

Result<Account> ShopHttp::RegisterMember(const std::string& role) const {
  try {
    return shop_.RegisterMember(role, "fault");
  } catch (const eda::e2e::E2eFailure& e) {
    return Error::Transient("fault.shop", e.what());
  }
}

Result<std::int64_t> ShopHttp::RegisterProduct(const Account& seller, std::int64_t price, std::int64_t stock) const {
  try {
    return shop_.RegisterProduct(seller, price, stock).id;
  } catch (const eda::e2e::E2eFailure& e) {
    return Error::Transient("fault.shop", e.what());
  }
}

Result<std::int64_t> ShopHttp::ProductStock(std::int64_t product_id) const {
  const eda::e2e::HttpResult r = shop_.TryGetProduct(product_id);
  const json::value* stock = Field(r.json, "stockCount");
  if (r.status != 200 || stock == nullptr) return Error::Transient("fault.shop", r.Describe());
  return Int(stock);
}

bool ShopHttp::Ready(const std::string& base_url) const {
  return shop_.http().Get(base_url + "/health/ready").status == 200;
}

HttpReply ShopHttp::CreateOrder(const Account& buyer, std::int64_t product_id, std::int64_t count,
                                const std::string& company, const std::string& address, CreatedOrder* out) const {
  eda::e2e::OrderRequest req;
  req.product_id = product_id;
  req.count = count;
  req.delivery_company = company;
  req.address = address;
  const eda::e2e::HttpResult r = shop_.TryCreateOrder(buyer, req);
  HttpReply reply = FromResult(r);
  if (!reply.Ok()) return reply;
  out->order_id = Str(Field(r.json, "orderId"));
  out->amount = Int(Field(r.json, "amount"));
  out->order_name = Str(Field(r.json, "orderName"));
  if (out->order_id.empty()) return FromFailure("POST /orders answered 201 without orderId: " + reply.body.substr(0, 200));
  return reply;
}

HttpReply ShopHttp::PayInWindow(const std::string& order_id, const std::string& outcome,
                                std::string* payment_key) const {
  const std::string checkout_url = urls().order + "/orders/checkout/" + order_id;
  const eda::e2e::HttpResult page = shop_.http().Get(checkout_url);
  if (page.status != 303) {
    HttpReply reply = FromResult(page);
    if (reply.Ok()) reply.status = 502;  // a 2xx without the redirect: treat as a broken answer, retry
    return reply;
  }
  const auto location = page.Header("Location");
  const auto checkout = location ? eda::e2e::ParseCheckoutUrl(*location) : std::nullopt;
  if (!checkout) return FromFailure("checkout redirect without a window URL: " + location.value_or("(none)"));
  try {
    const eda::e2e::WindowResult w = shop_.PayInWindow(*checkout, outcome);
    if (!w.success) return FromFailure("window outcome " + outcome + " answered without a payment: " + w.code);
    *payment_key = w.payment_key;
    return FromResult(w.raw);
  } catch (const eda::e2e::E2eFailure& e) {
    return FromFailure(e.what());
  }
}

HttpReply ShopHttp::FinishOrder(const Account& buyer, const std::string& order_id, const std::string& payment_key,
                                std::int64_t amount) const {
  return FromResult(shop_.TryFinishOrder(buyer, order_id, payment_key, amount));
}

Result<std::vector<SandboxPayment>> ShopHttp::SandboxPayments(const std::string& order_id) const {
  try {
    std::vector<SandboxPayment> out;
    for (const eda::e2e::SandboxPayment& p : sandbox_.PaymentsForOrder(order_id)) {
      SandboxPayment sp;
      sp.payment_key = p.payment_key;
      sp.status = p.status;
      sp.total_amount = p.total_amount;
      sp.balance_amount = p.balance_amount;
      const json::value* cancels = Field(p.json, "cancels");
      if (cancels != nullptr && cancels->is_array()) {
        for (const json::value& c : cancels->as_array()) sp.cancel_amounts.push_back(Int(Field(c, "cancelAmount")));
      }
      out.push_back(std::move(sp));
    }
    return out;
  } catch (const eda::e2e::E2eFailure& e) {
    return Error::Transient("fault.sandbox", e.what());
  }
}

Result<SandboxSummary> ShopHttp::Summary() const {
  try {
    const eda::e2e::SandboxSummary s = sandbox_.Summary();
    return SandboxSummary{s.charged, s.refunded, s.balance};
  } catch (const eda::e2e::E2eFailure& e) {
    return Error::Transient("fault.sandbox", e.what());
  }
}

}  // namespace eda::fault_test
