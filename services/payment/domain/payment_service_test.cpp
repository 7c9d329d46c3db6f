// The payment use cases over fake ports: claim → Toss → commit, with no Toss call inside a
// transaction; one effect per event; refusals change nothing; the sweeper and the webhook finish
// what the consumer left.
#include "payment/domain/payment_service.hpp"

#include <gtest/gtest.h>

#include <tuple>

#include "payment/domain/testing/fake_ports.hpp"

namespace eda::payment {
namespace {

using namespace std::chrono_literals;
using testing::FakePayments;
using testing::FakeToss;

class PaymentServiceTest : public ::testing::Test {
 protected:
  void TearDown() override { EXPECT_EQ(toss_.calls_in_transaction, 0) << "Toss was called inside a transaction"; }

  PaymentService::Ports Ports() {
    return {.store = payments_, .toss = toss_, .transaction = payments_.Transaction(),
            .clock = [this] { return now_; }, .sleep = [](std::chrono::milliseconds) {}};
  }
  Result<ConfirmResult> Confirm(const std::string& order, const std::string& key, std::int64_t amount,
                                const std::string& event) {
    return service_.Confirm({OrderId(order), PaymentKey(key), amount, event}, payments_.Inbox(event));
  }
  Result<RefundResult> Refund(const std::string& order, const std::string& key, std::int64_t amount,
                              const std::string& event) {
    return service_.Refund({OrderId(order), "stock rejected", NamedPayment{PaymentKey(key), amount, true}},
                           payments_.Inbox(event));
  }
  // An approved payment of `amount` for `order` with key "pk-<order>".
  void Paid(const std::string& order, std::int64_t amount) {
    toss_.Open("pk-" + order, order, amount);
    auto r = Confirm(order, "pk-" + order, amount, "confirm-" + order);
    ASSERT_TRUE(r.ok()) << r.error().message;
    ASSERT_EQ(r->step, ConfirmStep::kApproved);
  }
  int Observed(const std::string& flow, const std::string& outcome) const {
    int n = 0;
    for (const auto& [f, o, id] : observed_) n += (f == flow && o == outcome) ? 1 : 0;
    return n;
  }
  const PaymentRecord& Row(const std::string& order) const { return payments_.rows.at(OrderId(order)); }
  PaymentStatus StatusOf(const std::string& order) const { return Row(order).status; }
  int Count(std::string_view topic, const std::string& order) const { return payments_.Count(topic, OrderId(order)); }

  FakePayments payments_;
  FakeToss toss_{&payments_};
  TimePoint now_ = std::chrono::system_clock::now();
  std::vector<std::tuple<std::string, std::string, std::string>> observed_;
  PaymentService service_{Ports(), RetryPolicy{3, 1ms, 1ms},
                          [this](std::string_view f, std::string_view o, std::string_view id) {
                            observed_.emplace_back(std::string(f), std::string(o), std::string(id));
                          }};
};

TEST_F(PaymentServiceTest, ConfirmApprovesOnceAndARedeliveryOrASecondRequestChangesNothing) {
  toss_.Open("pk1", "ORD1", 12000, false, {{"memberId", "42"}});
  auto first = Confirm("ORD1", "pk1", 12000, "ev-1");
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->step, ConfirmStep::kApproved);
  EXPECT_EQ(StatusOf("ORD1"), PaymentStatus::kDone);
  EXPECT_EQ(Row("ORD1").member_id, MemberId(42));
  ASSERT_EQ(Count("payment-confirm-response", "ORD1"), 1);
  EXPECT_EQ(payments_.announced.front().amount, 12000);

  // The same event again: its row is settled, Toss is not called.
  auto again = Confirm("ORD1", "pk1", 12000, "ev-1");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->step, ConfirmStep::kRedelivered);
  // Another event for the paid order: refused, and never a payment-failed (it would fail a paid order).
  auto second = Confirm("ORD1", "pk1", 12000, "ev-2");
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->step, ConfirmStep::kDuplicate);
  EXPECT_EQ(toss_.confirm_calls, 1);
  EXPECT_EQ(payments_.announced.size(), 1U);
  EXPECT_EQ(Observed("confirm", "approved"), 1);
  EXPECT_EQ(Observed("confirm", "redelivered"), 1);
  EXPECT_EQ(Observed("confirm", "duplicate"), 1);
}

TEST_F(PaymentServiceTest, DeclinedCardIsAbortedWithPaymentFailed) {
  toss_.Open("pk1", "ORD1", 3000, /*decline=*/true);
  auto r = Confirm("ORD1", "pk1", 3000, "ev-1");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->step, ConfirmStep::kRefused);
  EXPECT_EQ(r->toss.code, "REJECT_CARD_PAYMENT");
  EXPECT_EQ(StatusOf("ORD1"), PaymentStatus::kAborted);
  ASSERT_EQ(Count("payment-failed", "ORD1"), 1);
  EXPECT_EQ(payments_.announced.front().code, "REJECT_CARD_PAYMENT");
  EXPECT_EQ(payments_.announced.front().amount, 3000);
}

TEST_F(PaymentServiceTest, TossOutageIsRetryableAndTheRetryResumesWithTheSameRow) {
  toss_.Open("pk1", "ORD1", 7000);
  toss_.down = true;
  auto r = Confirm("ORD1", "pk1", 7000, "ev-1");
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.error().retryable);
  EXPECT_EQ(r.error().code, "payment.toss_unavailable");
  EXPECT_EQ(StatusOf("ORD1"), PaymentStatus::kReady);
  EXPECT_TRUE(payments_.announced.empty());
  EXPECT_TRUE(payments_.inbox.empty());  // the event is not recorded: its retry does the work

  toss_.down = false;
  auto retry = Confirm("ORD1", "pk1", 7000, "ev-1");
  ASSERT_TRUE(retry.ok());
  EXPECT_EQ(retry->step, ConfirmStep::kApproved);
  EXPECT_EQ(Count("payment-confirm-response", "ORD1"), 1);
}

TEST_F(PaymentServiceTest, AFailedCommitAfterTheApprovalAnnouncesNothingAndTheRetrySettlesIt) {
  toss_.Open("pk1", "ORD1", 5000);
  payments_.fail_next_commit = Error::Transient("sql.deadlock", "test");
  auto r = Confirm("ORD1", "pk1", 5000, "ev-1");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "sql.deadlock");
  EXPECT_EQ(StatusOf("ORD1"), PaymentStatus::kReady);
  EXPECT_TRUE(payments_.announced.empty());

  auto retry = Confirm("ORD1", "pk1", 5000, "ev-1");
  ASSERT_TRUE(retry.ok());
  EXPECT_EQ(retry->step, ConfirmStep::kApproved);
  EXPECT_EQ(Count("payment-confirm-response", "ORD1"), 1);
}

TEST_F(PaymentServiceTest, OurSecretKeyRefusedIsRetriedNeverAPaymentFailed) {
  toss_.Open("pk1", "ORD1", 2500);
  toss_.refuse_confirm = "INVALID_API_KEY";
  auto r = Confirm("ORD1", "pk1", 2500, "ev-1");
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.error().retryable);
  EXPECT_EQ(r.error().code, "payment.toss_misconfigured");
  EXPECT_EQ(StatusOf("ORD1"), PaymentStatus::kReady);
  EXPECT_TRUE(payments_.announced.empty());
  EXPECT_EQ(Observed("confirm", "misconfigured"), 1);
}

TEST_F(PaymentServiceTest, AReusedPaymentKeyFailsTheSecondOrderOnceAndLeavesTheHolderAlone) {
  Paid("ORD1", 4000);
  auto reused = Confirm("ORD2", "pk-ORD1", 4000, "ev-2");
  ASSERT_TRUE(reused.ok());
  EXPECT_EQ(reused->step, ConfirmStep::kKeyReused);
  EXPECT_EQ(reused->payment.order_id, OrderId("ORD1"));
  ASSERT_EQ(Count("payment-failed", "ORD2"), 1);
  EXPECT_EQ(payments_.announced.back().code, kPaymentKeyAlreadyUsed);
  EXPECT_EQ(payments_.announced.back().payment_key, PaymentKey("pk-ORD1"));

  auto again = Confirm("ORD2", "pk-ORD1", 4000, "ev-2");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->step, ConfirmStep::kRedelivered);
  EXPECT_EQ(Count("payment-failed", "ORD2"), 1);
  EXPECT_EQ(payments_.rows.count(OrderId("ORD2")), 0U);
  EXPECT_EQ(StatusOf("ORD1"), PaymentStatus::kDone);
  EXPECT_EQ(toss_.confirm_calls, 1);
}

TEST_F(PaymentServiceTest, RefundCancelsAtTossOnceAndAnnouncesAgainForAnotherEventOnly) {
  Paid("ORD1", 8000);
  auto r = Refund("ORD1", "pk-ORD1", 8000, "cancel-1");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->step, RefundStep::kRefunded);
  EXPECT_EQ(r->refunded_amount, 8000);
  EXPECT_FALSE(r->partial);
  EXPECT_EQ(StatusOf("ORD1"), PaymentStatus::kCanceled);
  EXPECT_EQ(toss_.payments_at_toss.at("pk-ORD1").balance_amount, 0);
  ASSERT_EQ(Count("payment-refunded", "ORD1"), 1);
  EXPECT_EQ(payments_.announced.back().amount, 8000);

  // The order's sweeper asks again (it has not seen the refund): announced again, no second cancel.
  auto again = Refund("ORD1", "pk-ORD1", 8000, "cancel-2");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->step, RefundStep::kReannounced);
  EXPECT_EQ(again->refunded_amount, 8000);
  // The same event redelivered: nothing more.
  auto redelivered = Refund("ORD1", "pk-ORD1", 8000, "cancel-2");
  ASSERT_TRUE(redelivered.ok());
  EXPECT_EQ(redelivered->step, RefundStep::kAlreadyRefunded);
  EXPECT_EQ(Count("payment-refunded", "ORD1"), 2);
  EXPECT_EQ(toss_.cancel_calls, 1);
}

TEST_F(PaymentServiceTest, ARefundNamingAnotherPaymentChangesNothing) {
  Paid("ORD1", 8000);
  auto other_key = Refund("ORD1", "pk-forged", 8000, "cancel-1");
  ASSERT_TRUE(other_key.ok());
  EXPECT_EQ(other_key->step, RefundStep::kRefused);
  EXPECT_EQ(other_key->refusal, CompensationRefusal::kPaymentKeyMismatch);
  auto other_amount = Refund("ORD1", "pk-ORD1", 1, "cancel-2");
  ASSERT_TRUE(other_amount.ok());
  EXPECT_EQ(other_amount->refusal, CompensationRefusal::kAmountMismatch);
  EXPECT_EQ(StatusOf("ORD1"), PaymentStatus::kDone);
  EXPECT_TRUE(Row("ORD1").cancel_idempotency_key.empty());
  EXPECT_EQ(toss_.cancel_calls, 0);
  EXPECT_EQ(Count("payment-refunded", "ORD1"), 0);
}

TEST_F(PaymentServiceTest, NothingIsRefundedForADeclinedPaymentOrAnUnknownOrder) {
  toss_.Open("pk1", "ORD1", 3000, /*decline=*/true);
  ASSERT_TRUE(Confirm("ORD1", "pk1", 3000, "ev-1").ok());
  auto declined = Refund("ORD1", "pk1", 3000, "cancel-1");
  ASSERT_TRUE(declined.ok());
  EXPECT_EQ(declined->step, RefundStep::kNothingToRefund);
  auto unknown = Refund("ORD-none", "pk-none", 3000, "cancel-2");
  ASSERT_TRUE(unknown.ok());
  EXPECT_EQ(unknown->step, RefundStep::kNothingToRefund);
  EXPECT_FALSE(unknown->payment.has_value());
  EXPECT_EQ(toss_.cancel_calls, 0);
  EXPECT_EQ(Count("payment-refunded", "ORD1"), 0);
}

TEST_F(PaymentServiceTest, ARefundTossRefusesForGoodIsFlaggedAndLeftToAHuman) {
  Paid("ORD1", 8000);
  toss_.refuse_cancel = "EXCEED_MAX_REFUND_DUE";
  auto r = Refund("ORD1", "pk-ORD1", 8000, "cancel-1");
  ASSERT_FALSE(r.ok());
  EXPECT_FALSE(r.error().retryable);
  EXPECT_EQ(r.error().code, "payment.cancel_refused");
  EXPECT_TRUE(Row("ORD1").flagged);
  EXPECT_EQ(StatusOf("ORD1"), PaymentStatus::kCancelPending);
  EXPECT_EQ(Count("payment-refunded", "ORD1"), 0);
  // The sweeper skips a flagged row.
  now_ += 1h;
  const SweepReport report = service_.Sweep({60s, 50});
  EXPECT_EQ(report.resumed, 0);
  EXPECT_TRUE(report.failures.empty());
}

TEST_F(PaymentServiceTest, TheSweeperFinishesARefundLeftPendingOnceItIsDue) {
  Paid("ORD1", 5000);
  // The refund was decided, then the process died before calling Toss.
  ASSERT_EQ(payments_.BeginCancel(OrderId("ORD1"), "crash test", now_, std::nullopt)->action, CompensationAction::kCancelAtToss);
  EXPECT_EQ(service_.Sweep({60s, 50}).resumed, 0);  // not due yet

  now_ += 61s;
  toss_.down = true;
  const SweepReport failed = service_.Sweep({60s, 50});
  ASSERT_EQ(failed.failures.size(), 1U);
  EXPECT_EQ(failed.failures.front().order_id, OrderId("ORD1"));
  EXPECT_EQ(failed.failures.front().error.code, "payment.toss_unavailable");
  EXPECT_EQ(StatusOf("ORD1"), PaymentStatus::kCancelPending);

  toss_.down = false;
  const SweepReport report = service_.Sweep({60s, 50});
  EXPECT_EQ(report.resumed, 1);
  EXPECT_TRUE(report.failures.empty());
  EXPECT_EQ(StatusOf("ORD1"), PaymentStatus::kCanceled);
  EXPECT_EQ(Count("payment-refunded", "ORD1"), 1);
  EXPECT_EQ(service_.Sweep({60s, 50}).resumed, 0);
  EXPECT_EQ(toss_.cancel_calls, 1 + 3);  // the three attempts while down, then one
}

TEST_F(PaymentServiceTest, TheWebhookRecordsACancelMadeAtTossOnce) {
  Paid("ORD1", 6000);
  toss_.CancelDirectly("pk-ORD1");
  auto r = service_.Reconcile(PaymentKey("pk-ORD1"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->outcome, "refunded");
  ASSERT_TRUE(r->payment.has_value());
  EXPECT_EQ(r->payment->status, PaymentStatus::kCanceled);
  EXPECT_EQ(Count("payment-refunded", "ORD1"), 1);
  EXPECT_EQ(service_.Reconcile(PaymentKey("pk-ORD1"))->outcome, "in_sync");
  EXPECT_EQ(Count("payment-refunded", "ORD1"), 1);
  EXPECT_EQ(service_.Reconcile(PaymentKey("pk-unknown"))->outcome, "unknown_payment");

  toss_.down = true;
  auto down = service_.Reconcile(PaymentKey("pk-ORD1"));
  ASSERT_FALSE(down.ok());
  EXPECT_EQ(down.error().errc, PaymentErrc::kUnavailable);
  EXPECT_FALSE(down.error().cause.empty());
}

}  // namespace
}  // namespace eda::payment
