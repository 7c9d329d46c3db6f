// The confirm and cancel flows over a scripted fake of the Toss API: never two charges, unknown
// outcomes reconciled by lookup, the same Idempotency-Key on every attempt, mismatches undone.
#include "payment/domain/toss_flows.hpp"

#include <gtest/gtest.h>

#include <deque>
#include <set>

#include "payment/domain/payment_status.hpp"

namespace eda::payment {
namespace {

using toss::ErrorClass;
using toss::TossError;
using toss::TossResult;

toss::Payment Pay(toss::PaymentStatus s, std::int64_t total, std::int64_t balance, const std::string& order = "ORD1") {
  toss::Payment p;
  p.payment_key = "pk1";
  p.order_id = order;
  p.status = s;
  p.status_raw = std::string(toss::PaymentStatusName(s));
  p.total_amount = total;
  p.balance_amount = balance;
  return p;
}

TossError Err(std::string code, int status, ErrorClass c) {
  TossError e;
  e.code = std::move(code);
  e.http_status = status;
  e.error_class = c;
  return e;
}

// Answers from scripts; records every idempotency key it saw; counts charges like Toss would.
struct ScriptedToss : toss::Api {
  std::deque<TossResult<toss::Payment>> confirms, lookups, cancels;
  std::set<std::string> confirm_keys, cancel_keys;
  int confirm_calls = 0, cancel_calls = 0, lookup_calls = 0;

  static TossResult<toss::Payment> Pop(std::deque<TossResult<toss::Payment>>& q) {
    if (q.empty()) return Err("SCRIPT_EMPTY", 500, ErrorClass::kTransient);
    auto r = q.front();
    q.pop_front();
    return r;
  }
  TossResult<toss::Payment> Confirm(const toss::ConfirmRequest& r) override {
    ++confirm_calls;
    confirm_keys.insert(r.idempotency_key);
    return Pop(confirms);
  }
  TossResult<toss::Payment> GetByPaymentKey(const std::string&) override {
    ++lookup_calls;
    return Pop(lookups);
  }
  TossResult<toss::Payment> GetByOrderId(const std::string&) override {
    ++lookup_calls;
    return Pop(lookups);
  }
  TossResult<toss::Payment> Cancel(const toss::CancelRequest& r) override {
    ++cancel_calls;
    cancel_keys.insert(r.idempotency_key);
    return Pop(cancels);
  }
};

const ConfirmInput kIn{"pk1", "ORD1", 15000, "confirm-key", "mismatch-key"};
const RetryPolicy kPolicy{4, std::chrono::milliseconds(1), std::chrono::milliseconds(2)};
const Sleeper kNoSleep = [](std::chrono::milliseconds) {};

TEST(VerifyApproval, StatusOrderAndAmount) {
  EXPECT_EQ(VerifyApproval(Pay(toss::PaymentStatus::kDone, 15000, 15000), "ORD1", 15000), "");
  EXPECT_NE(VerifyApproval(Pay(toss::PaymentStatus::kDone, 14999, 14999), "ORD1", 15000), "");
  EXPECT_NE(VerifyApproval(Pay(toss::PaymentStatus::kDone, 15000, 15000, "ORD2"), "ORD1", 15000), "");
  EXPECT_NE(VerifyApproval(Pay(toss::PaymentStatus::kWaitingForDeposit, 15000, 15000), "ORD1", 15000), "");
}

TEST(RunConfirm, ApprovedFirstTime) {
  ScriptedToss t;
  t.confirms.push_back(Pay(toss::PaymentStatus::kDone, 15000, 15000));
  auto o = RunConfirm(t, kIn, kPolicy, kNoSleep);
  EXPECT_EQ(o.kind, ConfirmOutcome::Kind::kApproved);
  EXPECT_EQ(t.confirm_calls, 1);
}

TEST(RunConfirm, DeclineIsRefusedWithoutRetry) {
  ScriptedToss t;
  t.confirms.push_back(Err("REJECT_CARD_PAYMENT", 403, ErrorClass::kTerminal));
  auto o = RunConfirm(t, kIn, kPolicy, kNoSleep);
  EXPECT_EQ(o.kind, ConfirmOutcome::Kind::kRefused);
  EXPECT_EQ(o.code, "REJECT_CARD_PAYMENT");
  EXPECT_EQ(t.confirm_calls, 1);
  EXPECT_EQ(t.cancel_calls, 0);
}

TEST(RunConfirm, TransientErrorsRetriedWithTheSameKey) {
  ScriptedToss t;
  t.confirms.push_back(Err("PROVIDER_ERROR", 400, ErrorClass::kTransient));
  t.confirms.push_back(Err("IDEMPOTENT_REQUEST_PROCESSING", 409, ErrorClass::kInFlight));
  t.confirms.push_back(Pay(toss::PaymentStatus::kDone, 15000, 15000));
  auto o = RunConfirm(t, kIn, kPolicy, kNoSleep);
  EXPECT_EQ(o.kind, ConfirmOutcome::Kind::kApproved);
  EXPECT_EQ(t.confirm_calls, 3);
  EXPECT_EQ(t.confirm_keys, std::set<std::string>{"confirm-key"});
}

TEST(RunConfirm, ConfirmedButFiveHundredIsReconciledByLookupWithoutASecondConfirm) {
  ScriptedToss t;
  t.confirms.push_back(Err("FAILED_INTERNAL_SYSTEM_PROCESSING", 500, ErrorClass::kOutcomeUnknown));
  t.lookups.push_back(Pay(toss::PaymentStatus::kDone, 15000, 15000));
  auto o = RunConfirm(t, kIn, kPolicy, kNoSleep);
  EXPECT_EQ(o.kind, ConfirmOutcome::Kind::kApproved);
  EXPECT_EQ(t.confirm_calls, 1);
  EXPECT_EQ(t.lookup_calls, 1);
}

TEST(RunConfirm, TimeoutThenLookupInProgressConfirmsAgainWithSameKey) {
  ScriptedToss t;
  t.confirms.push_back(Err("http.timeout", 0, ErrorClass::kOutcomeUnknown));
  t.lookups.push_back(Pay(toss::PaymentStatus::kInProgress, 15000, 15000));
  t.confirms.push_back(Pay(toss::PaymentStatus::kDone, 15000, 15000));
  auto o = RunConfirm(t, kIn, kPolicy, kNoSleep);
  EXPECT_EQ(o.kind, ConfirmOutcome::Kind::kApproved);
  EXPECT_EQ(t.confirm_calls, 2);
  EXPECT_EQ(t.confirm_keys.size(), 1u);
}

TEST(RunConfirm, AlreadyProcessedMeansLookUpAndAcceptDone) {
  ScriptedToss t;
  t.confirms.push_back(Err("ALREADY_PROCESSED_PAYMENT", 400, ErrorClass::kAlreadyDone));
  t.lookups.push_back(Pay(toss::PaymentStatus::kDone, 15000, 15000));
  EXPECT_EQ(RunConfirm(t, kIn, kPolicy, kNoSleep).kind, ConfirmOutcome::Kind::kApproved);
}

TEST(RunConfirm, AmountMismatchIsCancelledAtOnceWithTheMismatchKey) {
  ScriptedToss t;
  t.confirms.push_back(Pay(toss::PaymentStatus::kDone, 9000, 9000));
  t.cancels.push_back(Pay(toss::PaymentStatus::kCanceled, 9000, 0));
  auto o = RunConfirm(t, kIn, kPolicy, kNoSleep);
  EXPECT_EQ(o.kind, ConfirmOutcome::Kind::kRefused);
  EXPECT_EQ(o.code, "AMOUNT_MISMATCH");
  EXPECT_TRUE(o.mismatch_refunded);
  EXPECT_EQ(t.cancel_keys, std::set<std::string>{"mismatch-key"});
}

TEST(RunConfirm, MismatchCancelThatCannotFinishIsRetryLater) {
  ScriptedToss t;
  t.confirms.push_back(Pay(toss::PaymentStatus::kDone, 9000, 9000));
  for (int i = 0; i < 4; ++i) t.cancels.push_back(Err("PROVIDER_ERROR", 400, ErrorClass::kTransient));
  auto o = RunConfirm(t, kIn, kPolicy, kNoSleep);
  EXPECT_EQ(o.kind, ConfirmOutcome::Kind::kRetryLater);
}

TEST(RunConfirm, PersistentFiveHundredsGiveRetryLaterAndNeverACharge) {
  ScriptedToss t;
  for (int i = 0; i < 4; ++i) t.confirms.push_back(Err("HTTP_503", 503, ErrorClass::kOutcomeUnknown));
  for (int i = 0; i < 4; ++i) t.lookups.push_back(Pay(toss::PaymentStatus::kInProgress, 15000, 15000));
  auto o = RunConfirm(t, kIn, kPolicy, kNoSleep);
  EXPECT_EQ(o.kind, ConfirmOutcome::Kind::kRetryLater);
  EXPECT_EQ(t.confirm_calls, 4);
  EXPECT_EQ(t.confirm_keys.size(), 1u);
}

TEST(RunConfirm, LookupShowsAbortedIsRefused) {
  ScriptedToss t;
  t.confirms.push_back(Err("UNKNOWN_PAYMENT_ERROR", 500, ErrorClass::kOutcomeUnknown));
  auto aborted = Pay(toss::PaymentStatus::kAborted, 15000, 0);
  aborted.failure = toss::Failure{"REJECT_CARD_COMPANY", "m"};
  t.lookups.push_back(aborted);
  auto o = RunConfirm(t, kIn, kPolicy, kNoSleep);
  EXPECT_EQ(o.kind, ConfirmOutcome::Kind::kRefused);
  EXPECT_EQ(o.code, "REJECT_CARD_COMPANY");
}

TEST(RunCancel, RefundedFirstTime) {
  ScriptedToss t;
  t.cancels.push_back(Pay(toss::PaymentStatus::kCanceled, 15000, 0));
  auto o = RunCancel(t, {"pk1", "재고 부족", std::nullopt, "c1"}, kPolicy, kNoSleep);
  EXPECT_EQ(o.kind, CancelOutcome::Kind::kRefunded);
}

TEST(RunCancel, UnknownOutcomeReconciledByLookup) {
  ScriptedToss t;
  t.cancels.push_back(Err("http.timeout", 0, ErrorClass::kOutcomeUnknown));
  t.lookups.push_back(Pay(toss::PaymentStatus::kCanceled, 15000, 0));
  auto o = RunCancel(t, {"pk1", "r", std::nullopt, "c1"}, kPolicy, kNoSleep);
  EXPECT_EQ(o.kind, CancelOutcome::Kind::kRefunded);
  EXPECT_EQ(t.cancel_calls, 1);
}

TEST(RunCancel, UnknownOutcomeStillDoneRetriesWithSameKey) {
  ScriptedToss t;
  t.cancels.push_back(Err("FAILED_REFUND_PROCESS", 500, ErrorClass::kOutcomeUnknown));
  t.lookups.push_back(Pay(toss::PaymentStatus::kDone, 15000, 15000));
  t.cancels.push_back(Pay(toss::PaymentStatus::kCanceled, 15000, 0));
  auto o = RunCancel(t, {"pk1", "r", std::nullopt, "c1"}, kPolicy, kNoSleep);
  EXPECT_EQ(o.kind, CancelOutcome::Kind::kRefunded);
  EXPECT_EQ(t.cancel_calls, 2);
  EXPECT_EQ(t.cancel_keys, std::set<std::string>{"c1"});
}

TEST(RunCancel, AlreadyCanceledIsRefunded) {
  ScriptedToss t;
  t.cancels.push_back(Err("ALREADY_CANCELED_PAYMENT", 400, ErrorClass::kAlreadyDone));
  t.lookups.push_back(Pay(toss::PaymentStatus::kCanceled, 15000, 0));
  EXPECT_EQ(RunCancel(t, {"pk1", "r", std::nullopt, "c1"}, kPolicy, kNoSleep).kind, CancelOutcome::Kind::kRefunded);
}

TEST(RunCancel, NeverApprovedIsNothingToRefund) {
  ScriptedToss t;
  t.cancels.push_back(Err("NOT_CANCELABLE_PAYMENT", 403, ErrorClass::kTerminal));
  t.lookups.push_back(Pay(toss::PaymentStatus::kAborted, 15000, 0));
  EXPECT_EQ(RunCancel(t, {"pk1", "r", std::nullopt, "c1"}, kPolicy, kNoSleep).kind,
            CancelOutcome::Kind::kNothingToRefund);
}

TEST(RunCancel, TerminalRefusalOnADonePaymentIsRefused) {
  ScriptedToss t;
  t.cancels.push_back(Err("EXCEED_MAX_REFUND_DUE", 403, ErrorClass::kTerminal));
  t.lookups.push_back(Pay(toss::PaymentStatus::kDone, 15000, 15000));
  auto o = RunCancel(t, {"pk1", "r", std::nullopt, "c1"}, kPolicy, kNoSleep);
  EXPECT_EQ(o.kind, CancelOutcome::Kind::kRefused);
  EXPECT_EQ(o.code, "EXCEED_MAX_REFUND_DUE");
}

TEST(RunCancel, TransientUntilTheEndIsRetryLater) {
  ScriptedToss t;
  for (int i = 0; i < 4; ++i) t.cancels.push_back(Err("PROVIDER_ERROR", 400, ErrorClass::kTransient));
  EXPECT_EQ(RunCancel(t, {"pk1", "r", std::nullopt, "c1"}, kPolicy, kNoSleep).kind, CancelOutcome::Kind::kRetryLater);
  EXPECT_EQ(t.cancel_keys.size(), 1u);
}

TEST(DecideCompensation, EveryStatus) {
  EXPECT_EQ(DecideCompensation(std::nullopt), CompensationAction::kNothingToRefund);
  EXPECT_EQ(DecideCompensation(PaymentStatus::kReady), CompensationAction::kNothingToRefund);
  EXPECT_EQ(DecideCompensation(PaymentStatus::kDone), CompensationAction::kCancelAtToss);
  EXPECT_EQ(DecideCompensation(PaymentStatus::kPartialCanceled), CompensationAction::kCancelAtToss);
  EXPECT_EQ(DecideCompensation(PaymentStatus::kCancelPending), CompensationAction::kResumeCancel);
  EXPECT_EQ(DecideCompensation(PaymentStatus::kCanceled), CompensationAction::kAlreadyRefunded);
  EXPECT_EQ(DecideCompensation(PaymentStatus::kAborted), CompensationAction::kNothingToRefund);
  EXPECT_EQ(DecideCompensation(PaymentStatus::kExpired), CompensationAction::kNothingToRefund);
}

TEST(PaymentStatusName, RoundTrip) {
  for (auto s : {PaymentStatus::kReady, PaymentStatus::kDone, PaymentStatus::kCancelPending, PaymentStatus::kCanceled,
                 PaymentStatus::kPartialCanceled, PaymentStatus::kAborted, PaymentStatus::kExpired}) {
    EXPECT_EQ(ParsePaymentStatus(PaymentStatusName(s)), s);
  }
  EXPECT_FALSE(ParsePaymentStatus("nope").has_value());
}

}  // namespace
}  // namespace eda::payment
