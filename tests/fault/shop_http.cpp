#include "shop_http.hpp"

#include <cctype>
#include <cstdlib>
#include <optional>
#include <thread>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/json.hpp>

#include "eda/httpclient/client.hpp"

namespace eda::fault_test {

namespace json = boost::json;
namespace hc = eda::httpclient;

namespace {

std::string EnvOr(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return (v != nullptr && *v != '\0') ? std::string(v) : fallback;
}

std::string PercentEncode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

std::optional<json::value> ParseJson(const std::string& body) {
  boost::system::error_code ec;
  json::value v = json::parse(body, ec);
  if (ec) return std::nullopt;
  return v;
}

std::int64_t Int(const json::value& v) {
  if (v.is_int64()) return v.as_int64();
  if (v.is_uint64()) return static_cast<std::int64_t>(v.as_uint64());
  if (v.is_double()) return static_cast<std::int64_t>(v.as_double());
  if (v.is_string()) return std::stoll(std::string(v.as_string()));
  return 0;
}

std::string Str(const json::value& v) { return v.is_string() ? std::string(v.as_string()) : std::string(); }

Error ReplyError(std::string_view what, const HttpReply& r) {
  return Error{"shop.http", std::string(what) + ": " + r.Describe(), r.Transient()};
}

}  // namespace

StackUrls StackUrls::FromEnv() {
  StackUrls u;
  u.member = EnvOr("EDA_MEMBER_URL", "http://127.0.0.1:28081");
  u.payment = EnvOr("EDA_PAYMENT_URL", "http://127.0.0.1:28082");
  u.delivery = EnvOr("EDA_DELIVERY_URL", "http://127.0.0.1:28083");
  u.search = EnvOr("EDA_SEARCH_URL", "http://127.0.0.1:28084");
  u.catalog = EnvOr("EDA_CATALOG_URL", "http://127.0.0.1:28085");
  u.order = EnvOr("EDA_ORDER_URL", "http://127.0.0.1:28086");
  u.sandbox = EnvOr("EDA_TOSS_SANDBOX_URL", "http://127.0.0.1:28090");
  return u;
}

std::string HttpReply::Describe() const {
  if (status == 0) return "no answer (" + error + ")";
  return "HTTP " + std::to_string(status) + " " + body.substr(0, 300);
}

struct ShopHttp::Impl {
  boost::asio::io_context io;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work{io.get_executor()};
  std::optional<hc::Client> client;
  std::thread thread;
  std::chrono::milliseconds timeout{8000};
};

ShopHttp::ShopHttp(StackUrls urls, std::chrono::milliseconds timeout) : urls_(std::move(urls)), impl_(new Impl) {
  hc::Settings settings;
  settings.default_timeout = timeout;
  settings.max_attempts = 1;  // the suite's callers retry themselves and count the attempts
  settings.use_system_ca = false;
  auto client = hc::Client::Create(impl_->io.get_executor(), settings);
  if (!client.ok()) throw std::runtime_error("http client: " + client.error().message);
  impl_->client.emplace(std::move(client).value());
  impl_->timeout = timeout;
  impl_->thread = std::thread([this] { impl_->io.run(); });
}

ShopHttp::~ShopHttp() {
  impl_->client->CloseIdle();
  impl_->work.reset();
  impl_->io.stop();
  impl_->thread.join();
}

HttpReply ShopHttp::Call(std::string_view method, const std::string& url, const json::value* body,
                         const std::string& token) const {
  hc::Method m = hc::Method::kGet;
  if (method == "POST") m = hc::Method::kPost;
  else if (method == "PUT") m = hc::Method::kPut;
  else if (method == "DELETE") m = hc::Method::kDelete;
  hc::Request req = body != nullptr ? hc::Request::Json(m, url, *body) : hc::Request{};
  req.method = m;
  req.url = url;
  req.timeout = impl_->timeout;
  if (!token.empty()) req.headers.emplace_back("Authorization", "Bearer " + token);
  auto r = impl_->client->SendBlocking(std::move(req));
  HttpReply reply;
  if (!r.ok()) {
    reply.error = r.error().code + ": " + r.error().message;
    return reply;
  }
  reply.status = r->status;
  reply.body = std::move(r->body);
  return reply;
}

Result<Account> ShopHttp::RegisterAndLogin(const std::string& login_id, const std::string& password,
                                           const std::string& role) const {
  const json::value reg = {{"loginId", login_id}, {"userName", login_id}, {"password", password}, {"role", role}};
  HttpReply r = Call("POST", urls_.member + "/member/users/registration", &reg, "");
  if (!r.Ok()) return ReplyError("register " + login_id, r);
  const json::value login = {{"loginId", login_id}, {"password", password}};
  r = Call("POST", urls_.member + "/member/users/login", &login, "");
  if (!r.Ok()) return ReplyError("login " + login_id, r);
  auto v = ParseJson(r.body);
  if (!v || !v->is_object()) return ReplyError("login answer", r);
  Account a;
  a.member_id = Int(v->at("id"));
  a.login_id = login_id;
  a.token = Str(v->at("accessToken"));
  return a;
}

Result<std::int64_t> ShopHttp::RegisterProduct(const Account& seller, const std::string& name, std::int64_t price,
                                               std::int64_t stock) const {
  const json::value body = {{"sellerId", seller.member_id},
                            {"productName", name},
                            {"productDescription", "fault suite product"},
                            {"productPrice", price},
                            {"stockCount", stock},
                            {"tags", json::array{"fault"}}};
  HttpReply r = Call("POST", urls_.catalog + "/catalog/products/register", &body, seller.token);
  if (!r.Ok()) return ReplyError("register product", r);
  auto v = ParseJson(r.body);
  if (!v || !v->is_object() || !v->as_object().contains("productId")) return ReplyError("product answer", r);
  return Int(v->at("productId"));
}

Result<std::int64_t> ShopHttp::ProductStock(std::int64_t product_id) const {
  HttpReply r = Call("GET", urls_.catalog + "/catalog/products/" + std::to_string(product_id), nullptr, "");
  if (!r.Ok()) return ReplyError("get product", r);
  auto v = ParseJson(r.body);
  if (!v || !v->is_object() || !v->as_object().contains("stockCount")) return ReplyError("product answer", r);
  return Int(v->at("stockCount"));
}

bool ShopHttp::Ready(const std::string& base_url) const {
  return Call("GET", base_url + "/health/ready", nullptr, "").status == 200;
}

HttpReply ShopHttp::CreateOrder(const Account& buyer, std::int64_t product_id, std::int64_t count,
                                const std::string& company, const std::string& address, CreatedOrder* out) const {
  const json::value body = {
      {"productId", product_id}, {"productCount", count}, {"deliveryCompany", company}, {"address", address}};
  HttpReply r = Call("POST", urls_.order + "/orders", &body, buyer.token);
  if (!r.Ok()) return r;
  auto v = ParseJson(r.body);
  if (!v || !v->is_object() || !v->as_object().contains("orderId")) {
    r.status = 0;
    r.error = "unreadable order answer: " + r.body.substr(0, 200);
    return r;
  }
  out->order_id = Str(v->at("orderId"));
  out->amount = Int(v->at("amount"));
  out->order_name = v->as_object().contains("orderName") ? Str(v->at("orderName")) : "order";
  return r;
}

HttpReply ShopHttp::OpenWindow(const std::string& order_id, const std::string& order_name, std::int64_t amount,
                               const std::string& outcome, std::string* payment_key) const {
  const json::value body = {{"orderId", order_id}, {"orderName", order_name}, {"amount", amount}, {"outcome", outcome}};
  HttpReply r = Call("POST", urls_.sandbox + "/sandbox/payments", &body, "");
  if (!r.Ok()) return r;
  auto v = ParseJson(r.body);
  if (!v || !v->is_object() || !v->as_object().contains("paymentKey")) {
    r.status = 0;
    r.error = "unreadable window answer: " + r.body.substr(0, 200);
    return r;
  }
  *payment_key = Str(v->at("paymentKey"));
  return r;
}

HttpReply ShopHttp::FinishOrder(const Account& buyer, const std::string& order_id, const std::string& payment_key,
                                std::int64_t amount) const {
  const json::value body = {{"paymentKey", payment_key}, {"orderId", order_id}, {"amount", amount}};
  return Call("POST", urls_.order + "/orders/finish-order", &body, buyer.token);
}

Result<std::vector<SandboxPayment>> ShopHttp::SandboxPayments(const std::string& order_id) const {
  HttpReply r = Call("GET", urls_.sandbox + "/sandbox/payments?orderId=" + PercentEncode(order_id), nullptr, "");
  if (!r.Ok()) return ReplyError("sandbox payments", r);
  auto v = ParseJson(r.body);
  if (!v || !v->is_object() || !v->as_object().contains("payments")) return ReplyError("sandbox payments answer", r);
  std::vector<SandboxPayment> out;
  for (const json::value& p : v->at("payments").as_array()) {
    SandboxPayment sp;
    sp.payment_key = Str(p.at("paymentKey"));
    sp.status = Str(p.at("status"));
    sp.total_amount = Int(p.at("totalAmount"));
    sp.balance_amount = Int(p.at("balanceAmount"));
    const json::value* cancels = p.as_object().if_contains("cancels");
    if (cancels != nullptr && cancels->is_array()) {
      for (const json::value& c : cancels->as_array()) sp.cancel_amounts.push_back(Int(c.at("cancelAmount")));
    }
    out.push_back(std::move(sp));
  }
  return out;
}

Result<SandboxSummary> ShopHttp::Summary() const {
  HttpReply r = Call("GET", urls_.sandbox + "/sandbox/summary", nullptr, "");
  if (!r.Ok()) return ReplyError("sandbox summary", r);
  auto v = ParseJson(r.body);
  if (!v || !v->is_object()) return ReplyError("sandbox summary answer", r);
  SandboxSummary s;
  s.charged = Int(v->at("charged"));
  s.refunded = Int(v->at("refunded"));
  s.balance = Int(v->at("balance"));
  return s;
}

}  // namespace eda::fault_test
