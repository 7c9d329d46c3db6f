#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

#include "eda/e2e/http_result.hpp"

// Plain value types of the shop as seen through its public HTTP routes.
namespace eda::e2e {

// A registered and logged-in member.
struct Member {
  std::int64_t id = 0;
  std::string login_id;
  std::string password;
  std::string role;          // "BUYER" | "SELLER" | "ADMIN"
  std::string access_token;  // bearer token from POST /member/users/login
};

// A catalog product (seed JSON {productId, sellerId, productName, productPrice, stockCount, tags}).
struct Product {
  std::int64_t id = 0;
  std::int64_t seller_id = 0;
  std::string name;
  std::int64_t price = 0;
  std::int64_t stock = 0;
  boost::json::value json;  // the whole answer
};

// What POST /orders needs. deliveryCompany must be a carrier of the carrier simulator
// (HANJIN, LOTTE, CJ); an address containing "UNDELIVERABLE" makes the carrier refuse the shipment.
struct OrderRequest {
  std::int64_t product_id = 0;
  std::int64_t count = 1;
  std::string delivery_company = "CJ";
  std::string address = "Seoul, Gangnam-gu, Teheran-ro 1 (e2e)";
};

// The 201 answer of POST /orders.
struct CreatedOrder {
  std::string order_id;
  std::string order_name;
  std::int64_t amount = 0;
  std::string status;        // "CREATED"
  std::string checkout_url;  // {EDA_ORDER_PUBLIC_URL}/orders/checkout/{orderId}
  boost::json::value json;
};

// The payment window an order opens, read from the Location of GET checkoutUrl (a 303 to
// {sandbox}/sandbox/checkout?...): exactly what the order service asks the window to use.
struct Checkout {
  std::string window_url;  // the whole Location
  std::string client_key;
  std::string customer_key;
  std::string order_id;
  std::string order_name;
  std::int64_t amount = 0;
  std::string currency;
  std::string success_url;  // {EDA_ORDER_PUBLIC_URL}/orders/success
  std::string fail_url;     // {EDA_ORDER_PUBLIC_URL}/orders/failure
  std::string metadata;     // JSON object text {address, productId, productCount, memberId, deliveryCompany}
  std::string customer_name, customer_email, customer_mobile_phone;  // empty when absent
};

// Parses a payment-window URL (the Location of the checkout redirect). Returns nullopt when it is not
// an absolute URL with path /sandbox/checkout, or lacks orderId or a numeric amount.
std::optional<Checkout> ParseCheckoutUrl(std::string_view window_url);

// Window outcomes of the sandbox (POST /sandbox/payments "outcome").
inline constexpr std::string_view kApprove = "approve";  // confirm will succeed
inline constexpr std::string_view kDecline = "decline";  // buyer authenticated; confirm answers 403 REJECT_CARD_PAYMENT
inline constexpr std::string_view kReject = "reject";    // no payment; fail redirect REJECT_CARD_COMPANY
inline constexpr std::string_view kCancel = "cancel";    // no payment; fail redirect PAY_PROCESS_CANCELED

// The answer of the sandbox window for programs (POST /sandbox/payments).
struct WindowResult {
  HttpResult raw;
  bool success = false;       // approve/decline: a payment (IN_PROGRESS) exists and redirect goes to successUrl
  std::string payment_key;    // success only
  std::string order_id;
  std::int64_t amount = 0;    // success only: the amount the window authorised
  std::string status;         // the sandbox payment status (IN_PROGRESS), success only
  std::string code;           // fail only (REJECT_CARD_COMPANY, PAY_PROCESS_CANCELED)
  std::string redirect_url;   // successUrl?paymentType&orderId&paymentKey&amount, or failUrl?code&message&orderId
};

// One row of an order's history.
struct HistoryEntry {
  std::string from;
  std::string to;
  std::string reason;
  std::string at;
};

// An order as GET /orders/orders/{id} shows it.
struct OrderSnapshot {
  std::string id;
  std::string status;       // CREATED, PAYMENT_REQUESTED, PAID, STOCK_RESERVED, DELIVERY_REQUESTED, IN_DELIVERY,
                            // DELIVERED, PAYMENT_FAILED, CANCELLING, CANCELLED, EXPIRED
  std::string seed_status;  // orderStatus (INITIATED, PAYMENT_COMPLETED, ...)
  std::int64_t amount = 0;
  std::int64_t product_id = 0;
  std::int64_t product_count = 0;
  std::int64_t member_id = 0;
  std::string payment_key;  // empty when null
  std::optional<std::int64_t> delivery_id;
  bool flagged = false;
  std::vector<HistoryEntry> history;
  boost::json::value json;  // the whole answer

  // True when some history row has `to` == status.
  bool Reached(std::string_view status) const;
  // The `to` states of the history, in order, e.g. "CREATED>PAYMENT_REQUESTED>PAID>...".
  std::string HistoryPath() const;
};

// Decodes an Order JSON (GET /orders/orders/{id}, finish-order, list entries); nullopt when `json`
// is not an object with a string "id".
std::optional<OrderSnapshot> ParseOrderSnapshot(const boost::json::value& json);

// DELIVERED, PAYMENT_FAILED, CANCELLED, EXPIRED: no event moves the order any more.
bool IsTerminalStatus(std::string_view status);

// Money of one order in the sandbox ledger (GET /sandbox/payments?orderId=).
struct SandboxPayment {
  std::string payment_key;
  std::string order_id;
  std::string status;  // IN_PROGRESS, DONE, ABORTED, EXPIRED, PARTIAL_CANCELED, CANCELED
  std::int64_t total_amount = 0;
  std::int64_t balance_amount = 0;
  std::size_t cancel_count = 0;  // entries of cancels[]
  boost::json::value json;
};

// GET /sandbox/summary: totals over every payment the sandbox holds (all tests, all users of the
// stack; use per-order payments for assertions on one test's money).
struct SandboxSummary {
  std::int64_t charged = 0;
  std::int64_t refunded = 0;
  std::int64_t balance = 0;
  boost::json::value counts;  // {READY..EXPIRED: n}
};

}  // namespace eda::e2e
