// Integration (label sql): the payments repository on the MariaDB test server.
//   eval "$(./eda infra env --profile test)"; ctest -L sql -R payment

#include <gtest/gtest.h>

#include <algorithm>

#include "eda/core/uuid.hpp"
#include "eda/sql/pool.hpp"
#include "eda/sql/retry.hpp"
#include "eda/sql/testing/test_db.hpp"
#include "payment/store/schema.hpp"
#include "payment/store/sql_payment_store.hpp"

namespace eda::payment {
namespace {

class PaymentSqlTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const events::Outbox outbox("payment_outbox");
    const events::Inbox inbox("payment_inbox");
    auto s = ApplyPaymentSchema(sql::testing::TestSettings(), outbox, inbox);
    ASSERT_TRUE(s.ok()) << s.error().message;
  }
  void SetUp() override { order_ = OrderId("ORDsql" + NewUuid().substr(0, 20)); }

  toss::Payment Approval(std::int64_t amount) const {
    toss::Payment p;
    p.payment_key = key_.value();
    p.order_id = order_.value();
    p.order_name = "Mug";
    p.method = "카드";
    p.currency = "KRW";
    p.status = toss::PaymentStatus::kDone;
    p.total_amount = p.balance_amount = amount;
    p.approved_at = "2026-01-01T10:00:00+09:00";
    p.metadata = {{"memberId", "42"}, {"productId", "7"}};
    p.raw_json = R"({"status":"DONE"})";
    return p;
  }
  bool Approve(const toss::Payment& p) {
    auto r = sql::RetryTransaction(pool_, [&](sql::Transaction& tx) { return SqlPaymentStore::MarkApproved(tx, order_, p, Now()); });
    EXPECT_TRUE(r.ok());
    return r.ok() && *r;
  }
  static TimePoint Now() { return std::chrono::system_clock::now(); }
  std::int64_t CancelRows() {
    auto c = pool_.Acquire().value();
    return c.Query("SELECT COUNT(*) AS n FROM payment_cancels WHERE order_id = ?", {order_}).value().front().Get<std::int64_t>("n");
  }

  sql::Pool pool_{sql::testing::TestSettings(4)};
  SqlPaymentStore store_{pool_};
  OrderId order_;
  PaymentKey key_{"pk_" + NewUuid()};
};

TEST_F(PaymentSqlTest, ClaimInsertsOnceResumesTheSameEventAndRefusesASecondConfirm) {
  auto first = store_.ClaimForConfirm({order_, key_, 15000, "ev-1"}, Now());
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->kind, Claim::Kind::kNew);
  EXPECT_EQ(first->payment.status, PaymentStatus::kReady);
  EXPECT_FALSE(first->payment.confirm_idempotency_key.empty());
  EXPECT_NE(first->payment.confirm_idempotency_key, first->payment.mismatch_cancel_key);

  auto again = store_.ClaimForConfirm({order_, key_, 15000, "ev-1"}, Now());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->kind, Claim::Kind::kResume);
  EXPECT_EQ(again->payment.confirm_idempotency_key, first->payment.confirm_idempotency_key);
  // A republished request (another event) for the unfinished payment resumes with the same keys.
  auto republished = store_.ClaimForConfirm({order_, key_, 15000, "ev-2"}, Now());
  ASSERT_TRUE(republished.ok());
  EXPECT_EQ(republished->kind, Claim::Kind::kResume);
  EXPECT_EQ(republished->payment.confirm_idempotency_key, first->payment.confirm_idempotency_key);
  // ... but not with another amount.
  EXPECT_EQ(store_.ClaimForConfirm({order_, key_, 99, "ev-3"}, Now())->kind, Claim::Kind::kDuplicate);

  ASSERT_TRUE(Approve(Approval(15000)));
  EXPECT_FALSE(Approve(Approval(15000)));  // conditional: only from READY
  auto row = store_.FindByOrderId(order_).value();
  ASSERT_TRUE(row.has_value());
  EXPECT_EQ(row->status, PaymentStatus::kDone);
  EXPECT_EQ(row->member_id, MemberId(42));
  EXPECT_EQ(row->metadata.at("productId"), "7");
  EXPECT_EQ(row->balance_amount, 15000);
  EXPECT_EQ(row->method, "카드");

  // A second confirm of the settled payment from another event is a duplicate (never a new row).
  EXPECT_EQ(store_.ClaimForConfirm({order_, key_, 15000, "ev-4"}, Now())->kind, Claim::Kind::kDuplicate);
  // The same payment key for another order is refused too.
  EXPECT_EQ(store_.ClaimForConfirm({OrderId(order_.value() + "x"), key_, 15000, "ev-5"}, Now())->kind, Claim::Kind::kDuplicate);
  EXPECT_FALSE(store_.FindByOrderId(OrderId(order_.value() + "x")).value().has_value());
  EXPECT_EQ(store_.FindByPaymentKey(key_).value()->order_id, order_);
}

TEST_F(PaymentSqlTest, RefusedConfirmIsAbortedOnlyFromReady) {
  ASSERT_TRUE(store_.ClaimForConfirm({order_, key_, 500, "ev-1"}, Now()).ok());
  auto refuse = [&] {
    return sql::RetryTransaction(pool_, [&](sql::Transaction& tx) {
      return SqlPaymentStore::MarkRefused(tx, order_, "REJECT_CARD_PAYMENT", "declined", std::nullopt, Now());
    });
  };
  EXPECT_TRUE(refuse().value());
  EXPECT_FALSE(refuse().value());
  auto row = store_.FindByOrderId(order_).value();
  EXPECT_EQ(row->status, PaymentStatus::kAborted);
  EXPECT_EQ(row->failure_code, "REJECT_CARD_PAYMENT");
  // Nothing to refund for a refused payment.
  auto start = store_.BeginCancel(order_, "stock", Now(), std::nullopt);
  ASSERT_TRUE(start.ok());
  EXPECT_EQ(start->action, CompensationAction::kNothingToRefund);
  EXPECT_EQ(store_.BeginCancel(OrderId("ORDnone" + NewUuid().substr(0, 8)), "stock", Now(), std::nullopt)->action,
            CompensationAction::kNothingToRefund);
}

TEST_F(PaymentSqlTest, RefundIsDecidedOnceWithAPersistedKeyAndRecordedOnce) {
  ASSERT_TRUE(store_.ClaimForConfirm({order_, key_, 8000, "ev-1"}, Now()).ok());
  ASSERT_TRUE(Approve(Approval(8000)));
  // A compensation event naming another payment leaves the row alone (and says why).
  auto refused = store_.BeginCancel(order_, "forged", Now(), NamedPayment{PaymentKey("pk_other"), 8000, true});
  ASSERT_TRUE(refused.ok());
  EXPECT_EQ(refused->action, CompensationAction::kRefused);
  EXPECT_EQ(refused->refusal, CompensationRefusal::kPaymentKeyMismatch);
  EXPECT_EQ(store_.BeginCancel(order_, "forged", Now(), NamedPayment{key_, 7999, false})->refusal,
            CompensationRefusal::kAmountMismatch);
  EXPECT_EQ(store_.FindByOrderId(order_).value()->status, PaymentStatus::kDone);
  EXPECT_TRUE(store_.FindByOrderId(order_).value()->cancel_idempotency_key.empty());
  auto start = store_.BeginCancel(order_, "stock rejected: none left", Now(), NamedPayment{key_, 8000, true});
  ASSERT_TRUE(start.ok());
  EXPECT_FALSE(start->refusal.has_value());
  EXPECT_EQ(start->action, CompensationAction::kCancelAtToss);
  ASSERT_TRUE(start->payment.has_value());
  EXPECT_EQ(start->payment->status, PaymentStatus::kCancelPending);
  const std::string cancel_key = start->payment->cancel_idempotency_key;
  EXPECT_FALSE(cancel_key.empty());
  auto resumed = store_.BeginCancel(order_, "again", Now(), std::nullopt);
  EXPECT_EQ(resumed->action, CompensationAction::kResumeCancel);
  EXPECT_EQ(resumed->payment->cancel_idempotency_key, cancel_key);
  EXPECT_EQ(resumed->payment->cancel_reason, "stock rejected: none left");

  // Due for the sweeper once older than the deadline.
  auto due = store_.DueCancels(Now() + std::chrono::seconds(1), 1000).value();
  EXPECT_NE(std::find(due.begin(), due.end(), order_), due.end());
  auto not_due = store_.DueCancels(Now() - std::chrono::hours(1), 1000).value();
  EXPECT_EQ(std::find(not_due.begin(), not_due.end(), order_), not_due.end());

  toss::Payment refunded = Approval(8000);
  refunded.status = toss::PaymentStatus::kCanceled;
  refunded.balance_amount = 0;
  refunded.cancels.push_back(toss::Cancel{8000, "stock", 0, "2026-01-01T11:00:00+09:00", "TXKEY1", "DONE"});
  auto finish = [&] {
    return sql::RetryTransaction(pool_, [&](sql::Transaction& tx) {
      return SqlPaymentStore::MarkRefunded(tx, order_, refunded, cancel_key, {PaymentStatus::kCancelPending}, Now());
    });
  };
  EXPECT_TRUE(finish().value());
  EXPECT_FALSE(finish().value());  // a racing path finds it finished: emits nothing
  EXPECT_EQ(CancelRows(), 1);
  auto row = store_.FindByOrderId(order_).value();
  EXPECT_EQ(row->status, PaymentStatus::kCanceled);
  EXPECT_EQ(row->balance_amount, 0);
  EXPECT_EQ(store_.BeginCancel(order_, "again", Now(), std::nullopt)->action, CompensationAction::kAlreadyRefunded);

  // Flagged rows are not due.
  ASSERT_TRUE(store_.Flag(order_, "X", "y", Now()).ok());
  EXPECT_TRUE(store_.FindByOrderId(order_).value()->flagged);
}

}  // namespace
}  // namespace eda::payment
