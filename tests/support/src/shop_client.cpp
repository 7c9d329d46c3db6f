#include "eda/e2e/shop_client.hpp"

#include <thread>

#include <boost/json.hpp>
#include <boost/url/url.hpp>

#include "eda/core/uuid.hpp"
#include "response_fields.hpp"

namespace eda::e2e {
namespace {

namespace json = boost::json;
using Clock = std::chrono::steady_clock;

const json::object& ObjectOf(const HttpResult& r, std::string_view what) {
  if (!r.json.is_object()) Fail(std::string(what) + " (expected a JSON object)", r);
  return r.json.as_object();
}

std::string RandomHex(std::size_t n) {
  std::string id = NewUuid();
  std::erase(id, '-');
  return id.substr(0, n);
}

std::string ProbeUrl(const StackUrls& u, std::string_view name) {
  if (name == "member") return u.member;
  if (name == "payment") return u.payment;
  if (name == "delivery") return u.delivery;
  if (name == "search") return u.search;
  if (name == "catalog") return u.catalog;
  if (name == "order") return u.order;
  if (name == "toss-sandbox") return u.toss_sandbox;
  if (name == "carrier-sim") return u.carrier_sim;
  return {};
}

OrderSnapshot SnapshotOf(const HttpResult& r) {
  auto s = ParseOrderSnapshot(r.json);
  if (!s) Fail("order (expected an Order JSON object)", r);
  return std::move(*s);
}

}  // namespace

ShopClient::ShopClient(StackUrls urls, std::chrono::milliseconds request_timeout)
    : urls_(std::move(urls)), http_(std::make_shared<BlockingHttp>(request_timeout)) {}

std::string ShopClient::NotReady(std::initializer_list<std::string_view> names) const {
  std::string out;
  for (std::string_view name : names) {
    const std::string base = ProbeUrl(urls_, name);
    const HttpResult r = base.empty() ? HttpResult{} : http_->Get(base + "/health/ready");
    if (r.status == 200) continue;
    if (!out.empty()) out += "; ";
    out += std::string(name) + " (" + (base.empty() ? "unknown name" : r.Describe()) + ")";
  }
  return out;
}

// ---- members ----

std::string ShopClient::UniqueLoginId(std::string_view prefix) { return std::string(prefix) + "-" + RandomHex(12); }

HttpResult ShopClient::TryRegister(std::string_view login_id, std::string_view user_name, std::string_view password,
                                   std::string_view role) const {
  json::object body{{"loginId", login_id}, {"userName", user_name}, {"password", password}};
  if (!role.empty()) body["role"] = role;
  return http_->PostJson(urls_.member + "/member/users/registration", body);
}

HttpResult ShopClient::TryLogin(std::string_view login_id, std::string_view password) const {
  return http_->PostJson(urls_.member + "/member/users/login", json::object{{"loginId", login_id}, {"password", password}});
}

Member ShopClient::RegisterMember(std::string_view role, std::string_view prefix) const {
  Member m;
  m.login_id = UniqueLoginId(prefix);
  // Letters, digits and a symbol; never contains the login id.
  m.password = "Pw!" + RandomHex(16) + "#9z";
  m.role = std::string(role);
  const HttpResult reg = TryRegister(m.login_id, "E2E " + std::string(role), m.password, role);
  if (reg.status != 201) Fail("register " + std::string(role) + " " + m.login_id, reg);
  m.id = IntAt(ObjectOf(reg, "registration"), "id");
  const HttpResult login = TryLogin(m.login_id, m.password);
  if (login.status != 200) Fail("login " + m.login_id, login);
  m.access_token = StringAt(ObjectOf(login, "login"), "accessToken");
  if (m.id <= 0 || m.access_token.empty()) Fail("register/login gave no id or accessToken", login);
  return m;
}

// ---- catalog ----

Product ShopClient::RegisterProduct(const Member& seller, std::int64_t price, std::int64_t stock) const {
  const std::string name = "e2e product " + RandomHex(8);
  const json::object body{{"sellerId", seller.id},
                          {"productName", name},
                          {"productDescription", "registered by the end-to-end suite"},
                          {"productPrice", price},
                          {"stockCount", stock},
                          {"tags", json::array{"e2e"}}};
  const HttpResult r = http_->PostJson(urls_.catalog + "/catalog/products/register", body, seller.access_token);
  if (r.status != 200 && r.status != 201) Fail("register product", r);
  const json::object& o = ObjectOf(r, "register product");
  Product p{IntAt(o, "productId"), IntAt(o, "sellerId"), StringAt(o, "productName"), IntAt(o, "productPrice"),
            IntAt(o, "stockCount"), r.json};
  if (p.id <= 0) Fail("register product gave no productId", r);
  return p;
}

HttpResult ShopClient::TryGetProduct(std::int64_t product_id) const {
  return http_->Get(urls_.catalog + "/catalog/products/" + std::to_string(product_id));
}

Product ShopClient::GetProduct(std::int64_t product_id) const {
  const HttpResult r = TryGetProduct(product_id);
  if (r.status != 200) Fail("get product " + std::to_string(product_id), r);
  const json::object& o = ObjectOf(r, "get product");
  return Product{IntAt(o, "productId"), IntAt(o, "sellerId"), StringAt(o, "productName"), IntAt(o, "productPrice"),
                 IntAt(o, "stockCount"), r.json};
}

// ---- orders ----

HttpResult ShopClient::TryCreateOrder(const Member& buyer, const OrderRequest& request) const {
  const json::object body{{"productId", request.product_id},
                          {"productCount", request.count},
                          {"deliveryCompany", request.delivery_company},
                          {"address", request.address}};
  return http_->PostJson(urls_.order + "/orders", body, buyer.access_token);
}

CreatedOrder ShopClient::CreateOrder(const Member& buyer, const OrderRequest& request) const {
  const HttpResult r = TryCreateOrder(buyer, request);
  if (r.status != 201) Fail("create order", r);
  const json::object& o = ObjectOf(r, "create order");
  CreatedOrder c{StringAt(o, "orderId"), StringAt(o, "orderName"), IntAt(o, "amount"), StringAt(o, "status"),
                 StringAt(o, "checkoutUrl"), r.json};
  if (c.order_id.empty() || c.checkout_url.empty()) Fail("create order gave no orderId/checkoutUrl", r);
  return c;
}

Checkout ShopClient::OpenCheckout(const CreatedOrder& order) const { return OpenCheckout(order.checkout_url); }

Checkout ShopClient::OpenCheckout(std::string_view checkout_url) const {
  const HttpResult r = http_->Get(std::string(checkout_url));
  if (r.status != 303) Fail("open checkout (expected a 303 to the sandbox window)", r);
  const auto location = r.Header("Location");
  if (!location) Fail("open checkout: 303 without Location", r);
  auto checkout = ParseCheckoutUrl(*location);
  if (!checkout) Fail("open checkout: Location is not a /sandbox/checkout window URL", r);
  return *checkout;
}

WindowResult ShopClient::PayInWindow(const Checkout& c, std::string_view outcome,
                                     std::optional<std::int64_t> amount_override) const {
  json::object body{{"orderId", c.order_id},
                    {"orderName", c.order_name},
                    {"amount", amount_override.value_or(c.amount)},
                    {"outcome", outcome},
                    {"successUrl", c.success_url},
                    {"failUrl", c.fail_url}};
  if (!c.client_key.empty()) body["clientKey"] = c.client_key;
  if (!c.customer_key.empty()) body["customerKey"] = c.customer_key;
  if (!c.currency.empty()) body["currency"] = c.currency;
  if (!c.customer_name.empty()) body["customerName"] = c.customer_name;
  if (!c.customer_email.empty()) body["customerEmail"] = c.customer_email;
  if (!c.customer_mobile_phone.empty()) body["customerMobilePhone"] = c.customer_mobile_phone;
  if (!c.metadata.empty()) {
    std::error_code ec;
    json::value meta = json::parse(c.metadata, ec);
    if (ec || !meta.is_object()) throw E2eFailure("checkout metadata is not a JSON object: " + c.metadata);
    body["metadata"] = std::move(meta);
  }
  WindowResult w;
  w.raw = http_->PostJson(urls_.toss_sandbox + "/sandbox/payments", body);
  if (w.raw.status != 201 && w.raw.status != 200) Fail("pay in the sandbox window (" + std::string(outcome) + ")", w.raw);
  const json::object& o = ObjectOf(w.raw, "sandbox window");
  w.success = w.raw.status == 201;
  w.order_id = StringAt(o, "orderId");
  w.payment_key = StringAt(o, "paymentKey");
  w.amount = IntAt(o, "amount");
  w.status = StringAt(o, "status");
  w.code = StringAt(o, "code");
  w.redirect_url = StringAt(o, "redirectUrl");
  if (w.success && (w.payment_key.empty() || w.redirect_url.empty())) Fail("sandbox window gave no paymentKey/redirectUrl", w.raw);
  return w;
}

HttpResult ShopClient::TryFollowRedirect(const WindowResult& window) const {
  if (window.redirect_url.empty()) {
    HttpResult none;
    none.error = "e2e.no_redirect: the window answered without redirectUrl";
    return none;
  }
  return http_->Get(window.redirect_url);
}

HttpResult ShopClient::TrySuccessPage(std::string_view order_id, std::string_view payment_key, std::int64_t amount) const {
  boost::urls::url u(urls_.order + "/orders/success");
  u.params().append({"paymentType", "NORMAL"});
  u.params().append({"orderId", order_id});
  u.params().append({"paymentKey", payment_key});
  u.params().append({"amount", std::to_string(amount)});
  return http_->Get(std::string(u.buffer()));
}

HttpResult ShopClient::TryFinishOrder(const Member& who, std::string_view order_id, std::string_view payment_key,
                                      std::int64_t amount) const {
  return http_->PostJson(urls_.order + "/orders/finish-order",
                         json::object{{"paymentKey", payment_key}, {"orderId", order_id}, {"amount", amount}},
                         who.access_token);
}

ShopClient::Purchase ShopClient::Buy(const Member& buyer, const OrderRequest& request, std::string_view outcome) const {
  Purchase p;
  p.order = CreateOrder(buyer, request);
  p.checkout = OpenCheckout(p.order);
  p.window = PayInWindow(p.checkout, outcome);
  if (p.window.success) {
    p.success_page = TryFollowRedirect(p.window);
    if (p.success_page.status != 200) Fail("success page of order " + p.order.order_id, p.success_page);
  }
  return p;
}

HttpResult ShopClient::TryGetOrder(const Member& who, std::string_view order_id) const {
  return http_->Get(urls_.order + "/orders/orders/" + std::string(order_id), who.access_token);
}

OrderSnapshot ShopClient::GetOrder(const Member& who, std::string_view order_id) const {
  const HttpResult r = TryGetOrder(who, order_id);
  if (r.status != 200) Fail("get order " + std::string(order_id), r);
  return SnapshotOf(r);
}

OrderSnapshot ShopClient::WaitForOrder(const Member& who, std::string_view order_id,
                                       const std::function<bool(const OrderSnapshot&)>& done,
                                       std::chrono::milliseconds timeout, std::string_view what,
                                       std::chrono::milliseconds interval) const {
  const auto start = Clock::now();
  const auto deadline = start + timeout;
  HttpResult last;
  for (;;) {
    last = TryGetOrder(who, order_id);
    if (last.status == 200) {
      if (auto s = ParseOrderSnapshot(last.json); s && done(*s)) return std::move(*s);
    }
    if (Clock::now() + interval > deadline) break;
    std::this_thread::sleep_for(interval);
  }
  const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
  std::string state = "?";
  if (auto s = ParseOrderSnapshot(last.json); s && last.status == 200) state = s->status + " (history " + s->HistoryPath() + ")";
  throw E2eFailure("timed out after " + std::to_string(waited.count()) + " ms waiting for " + std::string(what) +
                   " of order " + std::string(order_id) + "; last status " + state + "; last read: " + last.Describe());
}

OrderSnapshot ShopClient::WaitForStatus(const Member& who, std::string_view order_id, std::string_view status,
                                        std::chrono::milliseconds timeout) const {
  const std::string want(status);
  return WaitForOrder(
      who, order_id, [&](const OrderSnapshot& s) { return s.status == want || IsTerminalStatus(s.status); }, timeout,
      "status " + want);
}

OrderSnapshot ShopClient::WaitForTerminal(const Member& who, std::string_view order_id,
                                          std::chrono::milliseconds timeout) const {
  return WaitForOrder(
      who, order_id, [](const OrderSnapshot& s) { return IsTerminalStatus(s.status); }, timeout, "a terminal status");
}

}  // namespace eda::e2e
