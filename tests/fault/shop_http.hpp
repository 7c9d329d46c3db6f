#pragma once

// The calls the fault suite makes on the running stack, on top of the shared end-to-end client
// (tests/support: eda::e2e::ShopClient, SandboxClient). Unlike the convenience calls there, nothing
// here throws: while servers are being killed every call may fail, and the purchase driver decides
// from the reply whether to retry (no answer, 5xx) or give up (4xx).

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "eda/core/result.hpp"
#include "eda/e2e/sandbox_client.hpp"
#include "eda/e2e/shop_client.hpp"
#include "eda/e2e/stack_urls.hpp"

namespace eda::fault_test {

using StackUrls = eda::e2e::StackUrls;
using Account = eda::e2e::Member;

struct CreatedOrder {
  std::string order_id;
  std::int64_t amount = 0;
  std::string order_name;
};

// One sandbox payment record (GET /sandbox/payments), with the amount of each cancel.
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

// Outcome of one step: status 0 means no answer (transport error, or a failure reported by the
// shared client; text in `error`).
struct HttpReply {
  int status = 0;
  std::string error;
  std::string body;
  bool Ok() const { return status >= 200 && status < 300; }
  // No answer, a 5xx or a 429: the call may succeed if repeated later.
  bool Transient() const { return status == 0 || status >= 500 || status == 429; }
  std::string Describe() const;
};

// Thread safety: every method may be called concurrently (the shared clients are thread-safe).
class ShopHttp {
 public:
  explicit ShopHttp(StackUrls urls, std::chrono::milliseconds timeout = std::chrono::milliseconds(8000));

  const StackUrls& urls() const { return shop_.urls(); }

  // A new member with a unique login id (role BUYER or SELLER), logged in.
  Result<Account> RegisterMember(const std::string& role) const;
  // Registers a product of `seller`; returns its id.
  Result<std::int64_t> RegisterProduct(const Account& seller, std::int64_t price, std::int64_t stock) const;
  // GET /catalog/products/{id} → stockCount.
  Result<std::int64_t> ProductStock(std::int64_t product_id) const;
  // GET <base_url>/health/ready answered 200.
  bool Ready(const std::string& base_url) const;

  // POST /orders as `buyer`; on 201 fills `out`.
  HttpReply CreateOrder(const Account& buyer, std::int64_t product_id, std::int64_t count,
                        const std::string& company, const std::string& address, CreatedOrder* out) const;
  // The buyer's payment window: GET {order}/orders/checkout/{id} (the order service's 303 to the
  // sandbox window, with the amount it fixed), then the window for programs with `outcome`
  // (approve | decline); on success fills `payment_key`.
  HttpReply PayInWindow(const std::string& order_id, const std::string& outcome, std::string* payment_key) const;
  // POST /orders/finish-order {paymentKey, orderId, amount} as the order's owner.
  HttpReply FinishOrder(const Account& buyer, const std::string& order_id, const std::string& payment_key,
                        std::int64_t amount) const;

  // GET /sandbox/payments?orderId=
  Result<std::vector<SandboxPayment>> SandboxPayments(const std::string& order_id) const;
  // GET /sandbox/summary
  Result<SandboxSummary> Summary() const;

 private:
  eda::e2e::ShopClient shop_;
  eda::e2e::SandboxClient sandbox_;
};

}  // namespace eda::fault_test
