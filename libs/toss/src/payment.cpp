#include "eda/toss/payment.hpp"

#include <array>
#include <cmath>
#include <utility>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace eda::toss {
namespace {

namespace json = boost::json;

constexpr std::array<std::pair<PaymentStatus, std::string_view>, 8> kStatusNames{{
    {PaymentStatus::kReady, "READY"},
    {PaymentStatus::kInProgress, "IN_PROGRESS"},
    {PaymentStatus::kWaitingForDeposit, "WAITING_FOR_DEPOSIT"},
    {PaymentStatus::kDone, "DONE"},
    {PaymentStatus::kCanceled, "CANCELED"},
    {PaymentStatus::kPartialCanceled, "PARTIAL_CANCELED"},
    {PaymentStatus::kAborted, "ABORTED"},
    {PaymentStatus::kExpired, "EXPIRED"},
}};

const json::value* Field(const json::object& o, std::string_view name) {
  const auto it = o.find(name);
  if (it == o.end() || it->value().is_null()) return nullptr;
  return &it->value();
}

std::string String(const json::object& o, std::string_view name) {
  const json::value* v = Field(o, name);
  if (v == nullptr) return {};
  if (v->is_string()) return std::string(v->as_string());
  return json::serialize(*v);
}

// Money is a JSON number (an integer for KRW; decimals for other currencies are truncated). Some
// clients send numeric strings; accept those too.
std::int64_t Amount(const json::object& o, std::string_view name) {
  const json::value* v = Field(o, name);
  if (v == nullptr) return 0;
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64()) return static_cast<std::int64_t>(v->as_uint64());
  if (v->is_double()) return static_cast<std::int64_t>(std::trunc(v->as_double()));
  if (v->is_string()) {
    try {
      return std::stoll(std::string(v->as_string()));
    } catch (const std::exception&) {
      return 0;
    }
  }
  return 0;
}

}  // namespace

std::string_view PaymentStatusName(PaymentStatus status) noexcept {
  for (const auto& [s, name] : kStatusNames) {
    if (s == status) return name;
  }
  return "UNKNOWN";
}

PaymentStatus ParsePaymentStatus(std::string_view text) noexcept {
  for (const auto& [s, name] : kStatusNames) {
    if (name == text) return s;
  }
  return PaymentStatus::kUnknown;
}

Result<Payment> DecodePayment(std::string_view json_text) {
  std::error_code ec;
  const json::value doc = json::parse(json_text, ec);
  if (ec || !doc.is_object()) return Error::Permanent("toss.bad_payment", "payment body is not a JSON object");
  const json::object& o = doc.as_object();
  for (const char* required : {"paymentKey", "orderId", "status"}) {
    const json::value* v = Field(o, required);
    if (v == nullptr || !v->is_string()) {
      return Error::Permanent("toss.bad_payment", std::string("payment field missing or not a string: ") + required);
    }
  }
  Payment p;
  p.payment_key = String(o, "paymentKey");
  p.order_id = String(o, "orderId");
  p.order_name = String(o, "orderName");
  p.type = String(o, "type");
  p.method = String(o, "method");
  p.currency = String(o, "currency");
  p.status_raw = String(o, "status");
  p.status = ParsePaymentStatus(p.status_raw);
  p.total_amount = Amount(o, "totalAmount");
  p.balance_amount = Amount(o, "balanceAmount");
  p.requested_at = String(o, "requestedAt");
  if (Field(o, "approvedAt") != nullptr) p.approved_at = String(o, "approvedAt");
  p.last_transaction_key = String(o, "lastTransactionKey");
  if (const json::value* m = Field(o, "metadata"); m != nullptr && m->is_object()) {
    for (const auto& kv : m->as_object()) {
      if (kv.value().is_null()) continue;
      p.metadata.emplace(std::string(kv.key()),
                         kv.value().is_string() ? std::string(kv.value().as_string()) : json::serialize(kv.value()));
    }
  }
  if (const json::value* c = Field(o, "cancels"); c != nullptr && c->is_array()) {
    for (const json::value& item : c->as_array()) {
      if (!item.is_object()) continue;
      const json::object& co = item.as_object();
      Cancel cancel;
      cancel.cancel_amount = Amount(co, "cancelAmount");
      cancel.cancel_reason = String(co, "cancelReason");
      cancel.refundable_amount = Amount(co, "refundableAmount");
      cancel.canceled_at = String(co, "canceledAt");
      cancel.transaction_key = String(co, "transactionKey");
      cancel.cancel_status = String(co, "cancelStatus");
      p.cancels.push_back(std::move(cancel));
    }
  }
  if (const json::value* f = Field(o, "failure"); f != nullptr && f->is_object()) {
    p.failure = Failure{String(f->as_object(), "code"), String(f->as_object(), "message")};
  }
  p.raw_json = std::string(json_text);
  return p;
}

}  // namespace eda::toss
