#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "eda/e2e/blocking_http.hpp"
#include "eda/e2e/e2e_failure.hpp"
#include "eda/e2e/http_result.hpp"
#include "eda/e2e/shop_types.hpp"
#include "eda/e2e/stack_urls.hpp"

namespace eda::e2e {

// Drives the shop (member, catalog, order services and the sandbox payment window) through their
// public HTTP routes only, the way a buyer's browser and a seller's program would.
//
// Two kinds of calls:
// - convenience calls (RegisterMember, CreateOrder, GetOrder, ...) return the decoded success and
//   throw E2eFailure (with request, status and body in what()) on anything else;
// - Try* calls return the HttpResult whatever it is (status 0 = no answer), for tests that expect a
//   refusal (422, 403, ...) or that run while a service is down (fault tests).
// Thread safety: all methods are const and may be called concurrently (one shared HTTP client).
class ShopClient {
 public:
  explicit ShopClient(StackUrls urls = StackUrls::FromEnv(),
                      std::chrono::milliseconds request_timeout = std::chrono::seconds(15));

  const StackUrls& urls() const noexcept { return urls_; }
  const BlockingHttp& http() const noexcept { return *http_; }

  // Names of the processes whose GET /health/ready does not answer 200 among `names` (member,
  // payment, delivery, search, catalog, order, toss-sandbox, carrier-sim); empty when all are ready.
  std::string NotReady(std::initializer_list<std::string_view> names) const;

  // ---- members ----
  // A fresh login id: "<prefix>-<12 random hex>" (valid for the member rules, unique per call).
  static std::string UniqueLoginId(std::string_view prefix = "e2e");
  // Registers a member with a unique login id and a valid password, then logs in.
  // `role`: "BUYER" or "SELLER".
  Member RegisterMember(std::string_view role, std::string_view prefix = "e2e") const;
  HttpResult TryRegister(std::string_view login_id, std::string_view user_name, std::string_view password,
                         std::string_view role) const;
  HttpResult TryLogin(std::string_view login_id, std::string_view password) const;

  // ---- catalog ----
  // Registers a product of `seller` (a SELLER) with a unique name.
  Product RegisterProduct(const Member& seller, std::int64_t price, std::int64_t stock) const;
  Product GetProduct(std::int64_t product_id) const;
  HttpResult TryGetProduct(std::int64_t product_id) const;

  // ---- orders ----
  CreatedOrder CreateOrder(const Member& buyer, const OrderRequest& request) const;
  HttpResult TryCreateOrder(const Member& buyer, const OrderRequest& request) const;

  // GET the order's checkoutUrl (without following) and parse the 303's Location: the payment window
  // the order service opens, with its successUrl, failUrl, clientKey and metadata.
  Checkout OpenCheckout(const CreatedOrder& order) const;
  Checkout OpenCheckout(std::string_view checkout_url) const;

  // The payment window for programs: POST {sandbox}/sandbox/payments with everything the window URL
  // carries (orderId, orderName, amount, clientKey, customerKey, metadata, successUrl, failUrl) and
  // `outcome` (kApprove, kDecline, kReject, kCancel). `amount_override` replaces the window's amount
  // (a tampered window). Throws E2eFailure unless the sandbox answers 201 (success) or 200 (fail).
  WindowResult PayInWindow(const Checkout& checkout, std::string_view outcome = kApprove,
                           std::optional<std::int64_t> amount_override = std::nullopt) const;

  // GET the redirect of a window (the order service's success or failure page), as the browser does.
  HttpResult TryFollowRedirect(const WindowResult& window) const;
  // GET {order}/orders/success?paymentType=NORMAL&orderId&paymentKey&amount (e.g. a tampered amount).
  HttpResult TrySuccessPage(std::string_view order_id, std::string_view payment_key, std::int64_t amount) const;
  // POST {order}/orders/finish-order {paymentKey, orderId, amount} with `who`'s token.
  HttpResult TryFinishOrder(const Member& who, std::string_view order_id, std::string_view payment_key,
                            std::int64_t amount) const;

  // One buyer's whole checkout: create the order, open its window, pay with `outcome`, and (for
  // approve/decline) visit the success page, which must answer 200. Throws E2eFailure otherwise.
  struct Purchase {
    CreatedOrder order;
    Checkout checkout;
    WindowResult window;
    HttpResult success_page;  // status 0 when the outcome redirected to the failure page (not visited)
  };
  Purchase Buy(const Member& buyer, const OrderRequest& request, std::string_view outcome = kApprove) const;

  // GET {order}/orders/orders/{id} with `who`'s token.
  OrderSnapshot GetOrder(const Member& who, std::string_view order_id) const;
  HttpResult TryGetOrder(const Member& who, std::string_view order_id) const;

  // Reads the order every `interval` until `done(snapshot)` holds (returns that snapshot) or
  // `timeout` passes: then throws E2eFailure naming `what` and the last order JSON with history.
  // A read that fails (status != 200) is retried until the deadline.
  OrderSnapshot WaitForOrder(const Member& who, std::string_view order_id,
                             const std::function<bool(const OrderSnapshot&)>& done, std::chrono::milliseconds timeout,
                             std::string_view what = "the order to reach the expected state",
                             std::chrono::milliseconds interval = std::chrono::milliseconds(250)) const;
  // WaitForOrder until the status equals `status`, or any terminal status (then returns it too: the
  // caller's EXPECT shows the wrong one at once instead of waiting for the deadline).
  OrderSnapshot WaitForStatus(const Member& who, std::string_view order_id, std::string_view status,
                              std::chrono::milliseconds timeout) const;
  // WaitForOrder until the status is terminal (IsTerminalStatus).
  OrderSnapshot WaitForTerminal(const Member& who, std::string_view order_id, std::chrono::milliseconds timeout) const;

 private:
  StackUrls urls_;
  std::shared_ptr<BlockingHttp> http_;
};

}  // namespace eda::e2e
