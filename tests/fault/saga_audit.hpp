#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "purchase_driver.hpp"
#include "saga_store.hpp"
#include "shop_http.hpp"

namespace eda::fault_test {

// "Shipped": DELIVERY_REQUESTED, IN_DELIVERY or DELIVERED (the shipment exists, the money is taken).
bool IsShipped(const std::string& status);
// Settled = terminal for the suite: DELIVERED, CANCELLED, PAYMENT_FAILED, EXPIRED, and, unless
// `require_delivered`, also DELIVERY_REQUESTED and IN_DELIVERY. Reaching DELIVERED needs the
// carrier's time steps (EDA_CARRIER_STEP_SECONDS) and the delivery poller (EDA_DELIVERY_POLL_SECONDS):
// 1 s each on the test/ci profiles, but 60 s and 200 s with the binaries' defaults.
bool IsSettled(const std::string& status, bool require_delivered);

// Everything the audit looks at, gathered after the run.
struct AuditInput {
  std::vector<OrderRow> orders;                                   // orders table, the driver's buyers
  std::vector<DeliveryRow> deliveries;                            // delivery table, the driver's buyers
  std::map<std::string, std::vector<SandboxPayment>> payments;    // sandbox, per order id of `orders`
  std::vector<PurchaseRecord> records;                            // what the driver did
  std::vector<ProductSpec> products;                              // price and initial stock
  std::map<std::int64_t, std::int64_t> final_stock;               // catalog GET product after the run
  std::map<std::int64_t, std::int64_t> min_stock_seen;            // sampled during the run
  std::optional<SandboxSummary> summary_before, summary_after;    // sandbox totals (the suite is alone on it)
  bool require_delivered = true;                                  // see IsSettled
};

struct ProductTally {
  std::int64_t id = 0, initial = 0, shipped_units = 0, final_stock = -1, min_seen = 0;
  std::int64_t refused_units = 0;  // units of orders whose shipment FAILED (the catalog must put them back)
};

struct AuditReport {
  std::map<std::string, int> orders_by_status;
  std::map<std::string, int> deliveries_by_status;
  std::map<std::string, int> payments_by_status;
  int orders = 0, shipped = 0, not_settled = 0, flagged = 0;
  int records = 0, records_without_order = 0, orphans = 0;  // orphans: in the database, not in a driver record
  int refunds = 0;
  std::int64_t shipped_value = 0, charged = 0, refunded = 0, sandbox_balance = 0;
  std::int64_t unsettled_balance = 0;  // money held for orders that did not settle (part of sandbox_balance)
  std::optional<std::int64_t> summary_net_delta;  // (charged - refunded) after - before
  std::vector<ProductTally> products;
  std::vector<std::string> violations;  // empty: every invariant holds

  // Multi-line human summary with every count above (the violations are listed after it).
  std::string Print() const;
};

// Checks the invariants of the purchase saga (see tests/fault/README.md):
// every order settled; per order exactly one charged payment when shipped or cancelled (cancelled:
// CANCELED, balance 0, one refund of the full amount), none when failed or expired; the payment
// the order names is that payment; exactly one live shipment per shipped order and none for the
// others; money kept (sum of balances, and the sandbox summary's net change) equals the value of the
// shipped orders; per product final stock = initial - units shipped, never negative; and each
// order's outcome agrees with what the buyer asked for (declined card → PAYMENT_FAILED, refused
// address → CANCELLED, price × count = amount). Pure: no I/O.
AuditReport Audit(const AuditInput& in);

}  // namespace eda::fault_test
