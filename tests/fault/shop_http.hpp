#pragma once

// A small blocking client for the public routes the fault suite drives. Local to tests/fault: the
// shared eda::e2e_support client (tests/support) was not on main when this suite was written; the
// calls below are the subset the suite needs and can be swapped for ShopClient one for one.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

#include "eda/core/result.hpp"

namespace eda::fault_test {

// Where the stack answers; from EDA_*_URL (exported by ./eda test), defaults = test profile ports.
struct StackUrls {
  std::string member, payment, delivery, search, catalog, order, sandbox;
  static StackUrls FromEnv();
};

struct Account {
  std::int64_t member_id = 0;
  std::string login_id;
  std::string token;  // bearer access token
};

struct CreatedOrder {
  std::string order_id;
  std::int64_t amount = 0;
  std::string order_name;
};

// One sandbox payment record (GET /sandbox/payments).
struct SandboxPayment {
  std::string payment_key;
  std::string status;  // IN_PROGRESS, DONE, ABORTED, EXPIRED, PARTIAL_CANCELED, CANCELED
  std::int64_t total_amount = 0;
  std::int64_t balance_amount = 0;
  std::vector<std::int64_t> cancel_amounts;  // one entry per cancel
};

struct SandboxSummary {
  std::int64_t charged = 0;
  std::int64_t refunded = 0;
  std::int64_t balance = 0;
};

// Outcome of one HTTP call: status 0 means no answer (transport error, text in `error`).
struct HttpReply {
  int status = 0;
  std::string error;
  std::string body;
  bool Ok() const { return status >= 200 && status < 300; }
  // No answer or a 5xx: the call may succeed if repeated later.
  bool Transient() const { return status == 0 || status >= 500 || status == 429; }
  std::string Describe() const;
};

// Thread safety: every method may be called concurrently (one I/O thread serves all callers).
// Every call has `timeout` as its whole deadline and is attempted once: callers decide on retries.
class ShopHttp {
 public:
  explicit ShopHttp(StackUrls urls, std::chrono::milliseconds timeout = std::chrono::milliseconds(8000));
  ~ShopHttp();
  ShopHttp(const ShopHttp&) = delete;
  ShopHttp& operator=(const ShopHttp&) = delete;

  const StackUrls& urls() const { return urls_; }

  // Raw call. `body` (if any) is sent as JSON; `token` (if non-empty) as a bearer token.
  HttpReply Call(std::string_view method, const std::string& url, const boost::json::value* body,
                 const std::string& token) const;

  // POST /member/users/registration then POST /member/users/login. role: BUYER or SELLER.
  Result<Account> RegisterAndLogin(const std::string& login_id, const std::string& password,
                                   const std::string& role) const;
  // POST /catalog/products/register as `seller`; returns the product id.
  Result<std::int64_t> RegisterProduct(const Account& seller, const std::string& name, std::int64_t price,
                                       std::int64_t stock) const;
  // GET /catalog/products/{id} → stockCount.
  Result<std::int64_t> ProductStock(std::int64_t product_id) const;
  // GET <url>/health/ready answered 200.
  bool Ready(const std::string& base_url) const;

  // POST /orders. A failed reply is returned as is (the caller retries transient ones).
  HttpReply CreateOrder(const Account& buyer, std::int64_t product_id, std::int64_t count,
                        const std::string& company, const std::string& address, CreatedOrder* out) const;
  // POST /sandbox/payments (the payment window for programs) → paymentKey in `payment_key`.
  // outcome: approve | decline.
  HttpReply OpenWindow(const std::string& order_id, const std::string& order_name, std::int64_t amount,
                       const std::string& outcome, std::string* payment_key) const;
  // POST /orders/finish-order {paymentKey, orderId, amount} as the order's owner.
  HttpReply FinishOrder(const Account& buyer, const std::string& order_id, const std::string& payment_key,
                        std::int64_t amount) const;

  // GET /sandbox/payments?orderId=
  Result<std::vector<SandboxPayment>> SandboxPayments(const std::string& order_id) const;
  // GET /sandbox/summary
  Result<SandboxSummary> Summary() const;

 private:
  struct Impl;
  StackUrls urls_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace eda::fault_test
