#include "eda/toss/client.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/json/object.hpp>

namespace eda::toss {
namespace {

namespace json = boost::json;
using httpclient::Method;

// Path segments we build come from ids Toss or the merchant chose ([A-Za-z0-9_=-] for orderId,
// opaque for paymentKey): percent-encode everything outside the unreserved set.
std::string EncodeSegment(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) != 0 || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

}  // namespace

Result<std::unique_ptr<Client>> Client::Create(boost::asio::any_io_executor executor, Settings settings,
                                               httpclient::Settings http_settings) {
  while (!settings.base_url.empty() && settings.base_url.back() == '/') settings.base_url.pop_back();
  if (settings.base_url.rfind("http://", 0) != 0 && settings.base_url.rfind("https://", 0) != 0) {
    return Error::Permanent("toss.config", "base URL must start with http:// or https://");
  }
  auto http = httpclient::Client::Create(std::move(executor), std::move(http_settings));
  if (!http) return http.error();
  return std::unique_ptr<Client>(new Client(std::move(http).value(), std::move(settings)));
}

Client::Client(httpclient::Client http, Settings settings)
    : http_(std::move(http)),
      settings_(std::move(settings)),
      authorization_(httpclient::BasicAuthorization(settings_.secret_key.Reveal(), "")) {}

httpclient::Request Client::BuildConfirm(const ConfirmRequest& request) const {
  json::object body{{"paymentKey", request.payment_key}, {"orderId", request.order_id}, {"amount", request.amount}};
  auto req = httpclient::Request::Json(Method::kPost, settings_.base_url + "/v1/payments/confirm", body);
  req.headers.emplace_back("Authorization", authorization_);
  req.headers.emplace_back("Idempotency-Key", request.idempotency_key);
  req.headers.emplace_back("Accept-Language", settings_.accept_language);
  req.idempotent = !request.idempotency_key.empty();
  req.timeout = settings_.post_timeout;
  return req;
}

httpclient::Request Client::BuildLookup(std::string path) const {
  httpclient::Request req;
  req.method = Method::kGet;
  req.url = settings_.base_url + path;
  req.headers.emplace_back("Authorization", authorization_);
  req.headers.emplace_back("Accept", "application/json");
  req.headers.emplace_back("Accept-Language", settings_.accept_language);
  req.idempotent = true;
  req.timeout = settings_.lookup_timeout;
  return req;
}

httpclient::Request Client::BuildCancel(const CancelRequest& request) const {
  json::object body{{"cancelReason", request.cancel_reason}};
  if (request.cancel_amount) body["cancelAmount"] = *request.cancel_amount;
  auto req = httpclient::Request::Json(
      Method::kPost, settings_.base_url + "/v1/payments/" + EncodeSegment(request.payment_key) + "/cancel", body);
  req.headers.emplace_back("Authorization", authorization_);
  req.headers.emplace_back("Idempotency-Key", request.idempotency_key);
  req.headers.emplace_back("Accept-Language", settings_.accept_language);
  req.idempotent = !request.idempotency_key.empty();
  req.timeout = settings_.post_timeout;
  return req;
}

TossResult<Payment> Client::Interpret(Operation op, const Result<httpclient::Response>& response,
                                      std::chrono::steady_clock::time_point started) const {
  const auto elapsed =
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started);
  if (!response) {
    if (observer_) observer_(op, 0, elapsed);
    TossError e;
    e.code = response.error().code;
    e.message = response.error().message;
    e.error_class = ClassifyTransport(e.code, op);
    return e;
  }
  const httpclient::Response& res = *response;
  if (observer_) observer_(op, res.status, elapsed);
  const std::string trace_id(res.Header("X-TossPayments-Trace-Id").value_or(""));
  if (!res.IsSuccess()) {
    TossError e = DecodeError(res.status, res.body, op);
    e.trace_id = trace_id;
    return e;
  }
  auto payment = DecodePayment(res.body);
  if (!payment) {
    TossError e;
    e.http_status = res.status;
    e.code = payment.error().code;
    e.message = payment.error().message;
    e.error_class = op == Operation::kLookup ? ErrorClass::kTransient : ErrorClass::kOutcomeUnknown;
    e.trace_id = trace_id;
    return e;
  }
  return std::move(payment).value();
}

TossResult<Payment> Client::Confirm(const ConfirmRequest& request) {
  const auto t = std::chrono::steady_clock::now();
  return Interpret(Operation::kConfirm, http_.SendBlocking(BuildConfirm(request)), t);
}

TossResult<Payment> Client::GetByPaymentKey(const std::string& payment_key) {
  const auto t = std::chrono::steady_clock::now();
  return Interpret(Operation::kLookup, http_.SendBlocking(BuildLookup("/v1/payments/" + EncodeSegment(payment_key))), t);
}

TossResult<Payment> Client::GetByOrderId(const std::string& order_id) {
  const auto t = std::chrono::steady_clock::now();
  return Interpret(Operation::kLookup,
                   http_.SendBlocking(BuildLookup("/v1/payments/orders/" + EncodeSegment(order_id))), t);
}

TossResult<Payment> Client::Cancel(const CancelRequest& request) {
  const auto t = std::chrono::steady_clock::now();
  return Interpret(Operation::kCancel, http_.SendBlocking(BuildCancel(request)), t);
}

boost::asio::awaitable<TossResult<Payment>> Client::ConfirmAsync(ConfirmRequest request) const {
  const auto t = std::chrono::steady_clock::now();
  auto res = co_await http_.Send(BuildConfirm(request));
  co_return Interpret(Operation::kConfirm, res, t);
}

boost::asio::awaitable<TossResult<Payment>> Client::GetByPaymentKeyAsync(std::string payment_key) const {
  const auto t = std::chrono::steady_clock::now();
  auto res = co_await http_.Send(BuildLookup("/v1/payments/" + EncodeSegment(payment_key)));
  co_return Interpret(Operation::kLookup, res, t);
}

boost::asio::awaitable<TossResult<Payment>> Client::GetByOrderIdAsync(std::string order_id) const {
  const auto t = std::chrono::steady_clock::now();
  auto res = co_await http_.Send(BuildLookup("/v1/payments/orders/" + EncodeSegment(order_id)));
  co_return Interpret(Operation::kLookup, res, t);
}

boost::asio::awaitable<TossResult<Payment>> Client::CancelAsync(CancelRequest request) const {
  const auto t = std::chrono::steady_clock::now();
  auto res = co_await http_.Send(BuildCancel(request));
  co_return Interpret(Operation::kCancel, res, t);
}

}  // namespace eda::toss
