#include "toss-sandbox/api/payment_json.hpp"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>

namespace eda::toss_sandbox {

namespace json = boost::json;

namespace {

json::value CardJson(const CardApproval& c) {
  return json::object{
      {"amount", c.amount},
      {"issuerCode", c.issuer_code},
      {"acquirerCode", c.acquirer_code},
      {"number", c.number},
      {"installmentPlanMonths", 0},
      {"approveNo", c.approve_no},
      {"useCardPoint", false},
      {"cardType", "신용"},
      {"ownerType", "개인"},
      {"acquireStatus", c.canceled ? "CANCELED" : "READY"},
      {"isInterestFree", false},
      {"interestPayer", nullptr},
  };
}

json::value CancelJson(const CancelRecord& c) {
  return json::object{
      {"cancelAmount", c.cancel_amount},
      {"cancelReason", c.cancel_reason},
      {"taxFreeAmount", c.tax_free_amount},
      {"taxExemptionAmount", 0},
      {"refundableAmount", c.refundable_amount},
      {"cardDiscountAmount", 0},
      {"transferDiscountAmount", 0},
      {"easyPayDiscountAmount", 0},
      {"canceledAt", FormatKst(c.canceled_at)},
      {"transactionKey", c.transaction_key},
      {"receiptKey", nullptr},
      {"cancelStatus", "DONE"},
      {"cancelRequestId", nullptr},
  };
}

json::value MetadataJson(const Payment& p) {
  if (p.metadata.empty()) return nullptr;
  json::object m;
  for (const auto& [k, v] : p.metadata) {
    std::error_code ec;
    json::value parsed = json::parse(v, ec);
    m[k] = ec ? json::value(v) : std::move(parsed);
  }
  return m;
}

}  // namespace

json::object PaymentToJson(const Payment& p, bool english) {
  const bool expired = p.status == PaymentStatus::kExpired;
  json::value cancels = nullptr;
  if (!p.cancels.empty()) {
    json::array a;
    for (const CancelRecord& c : p.cancels) a.push_back(CancelJson(c));
    cancels = std::move(a);
  }
  json::value receipt = nullptr;
  if (p.approved_at) {
    receipt = json::object{{"url", "https://dashboard-sandbox.tosspayments.com/receipt/redirection?transactionId=" +
                                       p.last_transaction_key + "&ref=PX"}};
  }
  json::value failure = nullptr;
  if (p.failure) failure = json::object{{"code", p.failure->code}, {"message", p.failure->message}};
  return json::object{
      {"mId", "tvivarepublica"},
      {"lastTransactionKey", p.last_transaction_key.empty() ? json::value(nullptr) : json::value(p.last_transaction_key)},
      {"paymentKey", p.payment_key},
      {"orderId", p.order_id},
      {"orderName", p.order_name},
      {"taxExemptionAmount", 0},
      {"status", StatusName(p.status)},
      {"requestedAt", FormatKst(p.requested_at)},
      {"approvedAt", p.approved_at ? json::value(FormatKst(*p.approved_at)) : json::value(nullptr)},
      {"useEscrow", expired ? json::value(nullptr) : json::value(false)},
      {"cultureExpense", false},
      {"card", p.card ? CardJson(*p.card) : json::value(nullptr)},
      {"virtualAccount", nullptr},
      {"transfer", nullptr},
      {"mobilePhone", nullptr},
      {"giftCertificate", nullptr},
      {"cashReceipt", nullptr},
      {"cashReceipts", nullptr},
      {"discount", nullptr},
      {"cancels", std::move(cancels)},
      {"secret", nullptr},
      {"type", "NORMAL"},
      {"easyPay", nullptr},
      {"country", "KR"},
      {"failure", std::move(failure)},
      {"isPartialCancelable", true},
      {"receipt", std::move(receipt)},
      {"checkout", json::object{{"url", "https://api.tosspayments.com/v1/payments/" + p.payment_key + "/checkout"}}},
      {"currency", p.currency},
      {"totalAmount", p.total_amount},
      {"balanceAmount", p.balance_amount},
      {"suppliedAmount", SuppliedOf(p.balance_amount, p.tax_free_amount)},
      {"vat", VatOf(p.balance_amount, p.tax_free_amount)},
      {"taxFreeAmount", p.tax_free_amount},
      {"method", expired ? json::value(nullptr) : json::value(english ? "CARD" : "카드")},
      {"version", "2022-11-16"},
      {"metadata", MetadataJson(p)},
  };
}

json::object ErrorToJson(const TossError& error) {
  return json::object{{"code", error.code}, {"message", error.message}};
}

json::object WebhookBody(const Payment& payment, TimePoint created_at) {
  return json::object{
      {"eventType", "PAYMENT_STATUS_CHANGED"},
      {"createdAt", FormatKstMicros(created_at)},
      {"data", PaymentToJson(payment)},
  };
}

}  // namespace eda::toss_sandbox
