// The fault suite's audit must catch what it claims to catch: each test below breaks one invariant
// in an otherwise consistent picture and expects exactly that violation.

#include "saga_audit.hpp"

#include <gtest/gtest.h>

namespace eda::fault_test {
namespace {

SandboxPayment Paid(const std::string& key, std::int64_t amount) {
  return SandboxPayment{key, "DONE", amount, amount, {}};
}
SandboxPayment Refunded(const std::string& key, std::int64_t amount) {
  return SandboxPayment{key, "CANCELED", amount, 0, {amount}};
}

// Three orders of product 7 (price 1000, stock 5): o1 delivered (2 units), o2 cancelled after a stock
// rejection, o3 declined at payment.
AuditInput Consistent() {
  AuditInput in;
  in.products = {{7, 1000, 5}};
  in.orders = {{"o1", 1, 7, 2, 2000, "DELIVERED", false, "pk1"},
               {"o2", 1, 7, 1, 1000, "CANCELLED", false, "pk2"},
               {"o3", 2, 7, 1, 1000, "PAYMENT_FAILED", false, "pk3"}};
  in.payments["o1"] = {Paid("pk1", 2000)};
  in.payments["o2"] = {Refunded("pk2", 1000)};
  in.payments["o3"] = {SandboxPayment{"pk3", "ABORTED", 1000, 1000, {}}};
  in.deliveries = {{"o1", 1, "DONE", 2000, 2}};
  in.final_stock[7] = 3;
  in.min_stock_seen[7] = 3;
  in.summary_before = SandboxSummary{100, 0, 100};
  in.summary_after = SandboxSummary{3100, 1000, 2100};
  PurchaseRecord r1;
  r1.order_id = "o1";
  r1.member_id = 1;
  r1.product_id = 7;
  r1.count = 2;
  r1.amount = 2000;
  r1.finished = true;
  PurchaseRecord r3 = r1;
  r3.order_id = "o3";
  r3.member_id = 2;
  r3.count = 1;
  r3.amount = 1000;
  r3.decline = true;
  in.records = {r1, r3};
  return in;
}

std::string All(const AuditReport& r) {
  std::string s;
  for (const std::string& v : r.violations) s += v + "\n";
  return s;
}

TEST(SagaAudit, ConsistentPictureHasNoViolations) {
  const AuditReport r = Audit(Consistent());
  EXPECT_TRUE(r.violations.empty()) << All(r);
  EXPECT_EQ(r.shipped, 1);
  EXPECT_EQ(r.shipped_value, 2000);
  EXPECT_EQ(r.charged, 3000);
  EXPECT_EQ(r.refunded, 1000);
  EXPECT_EQ(r.orphans, 1);  // o2 has no driver record
  ASSERT_TRUE(r.summary_net_delta.has_value());
  EXPECT_EQ(*r.summary_net_delta, 2000);
}

TEST(SagaAudit, StuckOrderIsReported) {
  AuditInput in = Consistent();
  in.orders[1].status = "CANCELLING";
  in.payments["o2"] = {Paid("pk2", 1000)};
  const AuditReport r = Audit(in);
  EXPECT_EQ(r.not_settled, 1);
  EXPECT_NE(All(r).find("o2 (CANCELLING): not settled"), std::string::npos) << All(r);
}

TEST(SagaAudit, ShippedButNotDeliveredCountsOnlyWhenDeliveryIsNotRequired) {
  AuditInput in = Consistent();
  in.orders[0].status = "IN_DELIVERY";
  in.deliveries[0].status = "IN_DELIVERY";
  EXPECT_EQ(Audit(in).violations.size(), 1u) << All(Audit(in));  // only "not settled"
  in.require_delivered = false;
  EXPECT_TRUE(Audit(in).violations.empty()) << All(Audit(in));
}

TEST(SagaAudit, DoubleChargeIsReported) {
  AuditInput in = Consistent();
  in.payments["o1"].push_back(Paid("pk1b", 2000));
  const AuditReport r = Audit(in);
  EXPECT_NE(All(r).find("shipped with 2 charged payments"), std::string::npos) << All(r);
  EXPECT_NE(All(r).find("!= shipped value"), std::string::npos) << All(r);
}

TEST(SagaAudit, MissingOrDoubleRefundIsReported) {
  AuditInput in = Consistent();
  in.payments["o2"] = {Paid("pk2", 1000)};
  EXPECT_NE(All(Audit(in)).find("cancelled but payment pk2 is DONE"), std::string::npos);
  in.payments["o2"] = {SandboxPayment{"pk2", "CANCELED", 1000, 0, {500, 500}}};
  EXPECT_NE(All(Audit(in)).find("2 refunds on payment pk2"), std::string::npos);
}

TEST(SagaAudit, MissingOrExtraShipmentIsReported) {
  AuditInput in = Consistent();
  in.deliveries.clear();
  EXPECT_NE(All(Audit(in)).find("0 live shipments"), std::string::npos);
  in = Consistent();
  in.deliveries.push_back({"o2", 1, "REQUESTED", 1000, 1});
  EXPECT_NE(All(Audit(in)).find("cancelled but has a live shipment"), std::string::npos);
  in = Consistent();
  in.deliveries.push_back({"zz", 1, "REQUESTED", 1000, 1});
  EXPECT_NE(All(Audit(in)).find("shipment for unknown order zz"), std::string::npos);
}

TEST(SagaAudit, StockMismatchAndNegativeStockAreReported) {
  AuditInput in = Consistent();
  in.final_stock[7] = 4;
  EXPECT_NE(All(Audit(in)).find("stock 4 != initial 5 - shipped 2"), std::string::npos);
  in = Consistent();
  in.min_stock_seen[7] = -1;
  EXPECT_NE(All(Audit(in)).find("negative during the run"), std::string::npos);
  in = Consistent();
  in.final_stock.clear();
  EXPECT_NE(All(Audit(in)).find("final stock could not be read"), std::string::npos);
}

TEST(SagaAudit, LostOrderAndWrongOutcomeAreReported) {
  AuditInput in = Consistent();
  in.orders.pop_back();  // o3 answered 201 but is gone
  in.payments.erase("o3");
  EXPECT_NE(All(Audit(in)).find("o3 answered 201 but is not in the orders table"), std::string::npos);
  in = Consistent();
  in.records[1].decline = false;  // approved, yet PAYMENT_FAILED
  EXPECT_NE(All(Audit(in)).find("approved payment but ended PAYMENT_FAILED"), std::string::npos);
}

TEST(SagaAudit, SummaryDriftIsReported) {
  AuditInput in = Consistent();
  in.summary_after->charged += 1000;  // someone was charged outside these orders
  EXPECT_NE(All(Audit(in)).find("sandbox summary"), std::string::npos);
}

}  // namespace
}  // namespace eda::fault_test
