#include "toss-sandbox/domain/payment_ledger.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace eda::toss_sandbox {
namespace {

using namespace std::chrono_literals;

class LedgerTest : public ::testing::Test {
 protected:
  LedgerTest() : ledger_(PaymentLedger::Settings{10min, "tvivarepublica"}, [this] { return now_; }, 42) {
    ledger_.SetObserver([this](const Payment& p) { changes_.push_back(std::string(StatusName(p.status))); });
  }

  Payment Window(std::string order_id, std::int64_t amount, WindowOutcome outcome = WindowOutcome::kApprove) {
    WindowRequest w;
    w.order_id = std::move(order_id);
    w.order_name = "생수 외 1건";
    w.amount = amount;
    w.outcome = outcome;
    w.metadata = {{"orderNo", "\"A-1\""}};
    auto p = ledger_.Authenticate(w);
    EXPECT_TRUE(p.ok());
    return *p;
  }

  TimePoint now_ = TimePoint(std::chrono::seconds(1'700'000'000));
  PaymentLedger ledger_;
  std::vector<std::string> changes_;
};

TEST_F(LedgerTest, WindowCreatesInProgressPaymentWithTestModeKey) {
  const Payment p = Window("order_0001", 15000);
  EXPECT_EQ(p.status, PaymentStatus::kInProgress);
  EXPECT_EQ(p.payment_key.substr(0, 5), "tgen_");
  EXPECT_EQ(p.payment_key.size(), 5u + 14u + 5u);
  EXPECT_EQ(p.balance_amount, 15000);
  EXPECT_TRUE(changes_.empty()) << "IN_PROGRESS sends no webhook";
}

TEST_F(LedgerTest, ConfirmThenPartialThenFullCancel) {
  const Payment p = Window("order_0002", 15000);
  auto done = ledger_.Confirm({p.payment_key, "order_0002", 15000}, "test_sk_x");
  ASSERT_TRUE(done.ok()) << done.error().code;
  EXPECT_EQ(done->status, PaymentStatus::kDone);
  ASSERT_TRUE(done->approved_at.has_value());
  EXPECT_EQ(done->last_transaction_key.size(), 32u);
  ASSERT_TRUE(done->card.has_value());
  EXPECT_EQ(done->card->approve_no.size(), 8u);

  auto partial = ledger_.Cancel(p.payment_key, CancelRequest{"고객 변심", 5000, std::nullopt, 0});
  ASSERT_TRUE(partial.ok()) << partial.error().code;
  EXPECT_EQ(partial->status, PaymentStatus::kPartialCanceled);
  EXPECT_EQ(partial->balance_amount, 10000);
  ASSERT_EQ(partial->cancels.size(), 1u);
  EXPECT_EQ(partial->cancels[0].refundable_amount, 10000);
  EXPECT_EQ(partial->last_transaction_key, partial->cancels[0].transaction_key);

  auto too_much = ledger_.Cancel(p.payment_key, CancelRequest{"x", 10001, std::nullopt, 0});
  ASSERT_FALSE(too_much.ok());
  EXPECT_EQ(too_much.error().code, "NOT_CANCELABLE_AMOUNT");
  EXPECT_EQ(too_much.error().http_status, 403);

  auto guard = ledger_.Cancel(p.payment_key, CancelRequest{"x", std::nullopt, 9999, 0});
  ASSERT_FALSE(guard.ok());
  EXPECT_EQ(guard.error().code, "NOT_MATCHES_REFUNDABLE_AMOUNT");

  auto full = ledger_.Cancel(p.payment_key, CancelRequest{"재고 부족", std::nullopt, 10000, 0});
  ASSERT_TRUE(full.ok()) << full.error().code;
  EXPECT_EQ(full->status, PaymentStatus::kCanceled);
  EXPECT_EQ(full->balance_amount, 0);
  EXPECT_EQ(full->cancels.size(), 2u);
  EXPECT_TRUE(full->card->canceled);

  auto again = ledger_.Cancel(p.payment_key, CancelRequest{"again", std::nullopt, std::nullopt, 0});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "ALREADY_CANCELED_PAYMENT");
  EXPECT_EQ(again.error().http_status, 400);

  EXPECT_EQ(changes_, (std::vector<std::string>{"DONE", "PARTIAL_CANCELED", "CANCELED"}));
  const LedgerSummary s = ledger_.Summary();
  EXPECT_EQ(s.charged, 15000);
  EXPECT_EQ(s.refunded, 15000);
  EXPECT_EQ(s.balance, 0);
  EXPECT_EQ(s.counts_by_status.at("CANCELED"), 1);
  EXPECT_EQ(s.counts_by_status.at("DONE"), 0);
}

TEST_F(LedgerTest, ConfirmErrors) {
  const Payment p = Window("order_0003", 20000);
  auto mismatch = ledger_.Confirm({p.payment_key, "order_0003", 100}, "test_sk_x");
  ASSERT_FALSE(mismatch.ok());
  EXPECT_EQ(mismatch.error().code, "INVALID_REQUEST");
  auto wrong_order = ledger_.Confirm({p.payment_key, "order_9999", 20000}, "test_sk_x");
  ASSERT_FALSE(wrong_order.ok());
  EXPECT_EQ(wrong_order.error().code, "NOT_FOUND_PAYMENT_SESSION");
  EXPECT_EQ(wrong_order.error().http_status, 404);
  auto unknown = ledger_.Confirm({"tgen_nope", "order_0003", 20000}, "test_sk_x");
  EXPECT_EQ(unknown.error().code, "NOT_FOUND_PAYMENT_SESSION");

  ASSERT_TRUE(ledger_.Confirm({p.payment_key, "order_0003", 20000}, "test_sk_x").ok());
  auto second = ledger_.Confirm({p.payment_key, "order_0003", 20000}, "test_sk_x");
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, "ALREADY_PROCESSED_PAYMENT");
  EXPECT_EQ(second.error().http_status, 400);

  auto not_done = ledger_.Cancel(Window("order_0004", 1000).payment_key, CancelRequest{"x", {}, {}, 0});
  EXPECT_EQ(not_done.error().code, "NOT_CANCELABLE_PAYMENT");
  EXPECT_EQ(ledger_.Cancel("tgen_unknown", CancelRequest{"x", {}, {}, 0}).error().code, "NOT_FOUND_PAYMENT");
}

TEST_F(LedgerTest, KeySetMismatchIsInvalidApiKey) {
  WindowRequest w;
  w.order_id = "order_gck01";
  w.order_name = "x";
  w.amount = 1000;
  w.client_key = "test_gck_docs_Ovk5rk1EwkEbP0W43n07xlzm";
  auto p = ledger_.Authenticate(w);
  ASSERT_TRUE(p.ok());
  auto r = ledger_.Confirm({p->payment_key, w.order_id, 1000}, "test_sk_zXLkKEypNArWmo50nX3lmeaxYG5R");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "INVALID_API_KEY");
  EXPECT_TRUE(ledger_.Confirm({p->payment_key, w.order_id, 1000}, "test_gsk_docs_OaPz8L5KdmQXkzRz3y47BMw6").ok());
}

TEST_F(LedgerTest, DeclinedCardAbortsWithFailure) {
  const Payment p = Window("order_0005", 5000, WindowOutcome::kDeclineOnConfirm);
  auto r = ledger_.Confirm({p.payment_key, "order_0005", 5000}, "test_sk_x");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "REJECT_CARD_PAYMENT");
  EXPECT_EQ(r.error().http_status, 403);
  auto after = ledger_.FindByKey(p.payment_key);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->status, PaymentStatus::kAborted);
  ASSERT_TRUE(after->failure.has_value());
  EXPECT_EQ(after->failure->code, "REJECT_CARD_PAYMENT");
  EXPECT_EQ(changes_, (std::vector<std::string>{"ABORTED"}));
  EXPECT_EQ(ledger_.Summary().charged, 0);
}

TEST_F(LedgerTest, UnconfirmedPaymentExpires) {
  const Payment p = Window("order_0006", 5000);
  now_ += 9min;
  EXPECT_EQ(ledger_.ExpireOverdue(), 0u);
  now_ += 1min;
  EXPECT_EQ(ledger_.ExpireOverdue(), 1u);
  auto found = ledger_.FindByOrderId("order_0006");
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->status, PaymentStatus::kExpired);
  EXPECT_EQ(found->failure->code, "EXPIRED_PAYMENT");
  auto late = ledger_.Confirm({p.payment_key, "order_0006", 5000}, "test_sk_x");
  EXPECT_EQ(late.error().code, "NOT_FOUND_PAYMENT_SESSION");
  EXPECT_EQ(changes_, (std::vector<std::string>{"EXPIRED"}));
}

TEST_F(LedgerTest, LookupExpiresLazily) {
  const Payment p = Window("order_0007", 5000);
  now_ += 11min;
  EXPECT_EQ(ledger_.FindByKey(p.payment_key)->status, PaymentStatus::kExpired);
  EXPECT_EQ(ledger_.FindByKey("nope").error().code, "NOT_FOUND_PAYMENT");
  EXPECT_EQ(ledger_.FindByOrderId("nope_order").error().http_status, 404);
}

TEST_F(LedgerTest, WindowValidationAndOrderReuse) {
  WindowRequest w;
  w.order_id = "short";
  w.order_name = "x";
  w.amount = 100;
  EXPECT_EQ(ledger_.Authenticate(w).error().code, "INVALID_REQUEST");
  w.order_id = "order_0008";
  w.amount = 0;
  EXPECT_EQ(ledger_.Authenticate(w).error().code, "INVALID_REQUEST");
  w.amount = 100;
  w.metadata = {{"a", "1"}, {"b", "1"}, {"c", "1"}, {"d", "1"}, {"e", "1"}, {"f", "1"}};
  EXPECT_EQ(ledger_.Authenticate(w).error().code, "INVALID_REQUEST");
  w.metadata.clear();
  auto first = ledger_.Authenticate(w);
  ASSERT_TRUE(first.ok());
  auto reopened = ledger_.Authenticate(w);  // a window reopened before confirming: a new payment
  ASSERT_TRUE(reopened.ok());
  EXPECT_NE(reopened->payment_key, first->payment_key);
  EXPECT_EQ(ledger_.FindByOrderId("order_0008")->payment_key, reopened->payment_key);
  ASSERT_TRUE(ledger_.Confirm({reopened->payment_key, "order_0008", 100}, "k").ok());
  EXPECT_EQ(ledger_.Authenticate(w).error().code, "ALREADY_PROCESSED_PAYMENT");
}

TEST(PaymentTest, VatFollowsTheElevenRule) {
  EXPECT_EQ(VatOf(15000, 0), 1364);
  EXPECT_EQ(SuppliedOf(15000, 0), 13636);
  EXPECT_EQ(VatOf(9026, 0), 821);
  EXPECT_EQ(SuppliedOf(9026, 0), 8205);
  EXPECT_EQ(VatOf(30000, 0), 2727);
  EXPECT_EQ(VatOf(10000, 0), 909);
  EXPECT_EQ(SuppliedOf(10000, 0), 9091);
  EXPECT_EQ(VatOf(0, 0), 0);
  EXPECT_EQ(VatOf(1100, 1100), 0);
}

TEST(PaymentTest, KstFormats) {
  const TimePoint t = TimePoint(std::chrono::seconds(1'707'794'277)) + std::chrono::microseconds(729718);
  EXPECT_EQ(FormatKst(t), "2024-02-13T12:17:57+09:00");
  EXPECT_EQ(FormatKstMicros(t), "2024-02-13T12:17:57.729718");
  EXPECT_EQ(FormatKstCompact(t), "20240213121757");
}

TEST(PaymentTest, OrderIdRule) {
  EXPECT_TRUE(IsValidOrderId("ord_7Qx2Lm9P"));
  EXPECT_TRUE(IsValidOrderId("a-b_c=d"));
  EXPECT_FALSE(IsValidOrderId("abcde"));
  EXPECT_FALSE(IsValidOrderId(std::string(65, 'a')));
  EXPECT_FALSE(IsValidOrderId("order 01"));
}

}  // namespace
}  // namespace eda::toss_sandbox
