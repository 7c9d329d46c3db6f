#include <gtest/gtest.h>

#include "payment/domain/payment_rules.hpp"

namespace eda::payment {
namespace {

TEST(PaymentRules, BuyerSeesOwnPaymentsAdminAll) {
  PaymentRecord p;
  p.member_id = MemberId(42);
  EXPECT_TRUE(MayAccess(Caller{MemberId(42), false}, p));
  EXPECT_FALSE(MayAccess(Caller{MemberId(43), false}, p));
  EXPECT_TRUE(MayAccess(Caller{MemberId(1), true}, p));
  p.member_id.reset();
  EXPECT_FALSE(MayAccess(Caller{MemberId(42), false}, p));
  EXPECT_FALSE(MayAccess(Caller{MemberId(0), false}, p));
  EXPECT_TRUE(MayAccess(Caller{MemberId(0), true}, p));
}

TEST(PaymentRules, MemberIdFromMetadataAcceptsOnlyPositiveIntegers) {
  EXPECT_EQ(MemberIdFromMetadata({{"memberId", "42"}}), MemberId(42));
  EXPECT_EQ(MemberIdFromMetadata({}), std::nullopt);
  EXPECT_EQ(MemberIdFromMetadata({{"memberId", ""}}), std::nullopt);
  EXPECT_EQ(MemberIdFromMetadata({{"memberId", "4x"}}), std::nullopt);
  EXPECT_EQ(MemberIdFromMetadata({{"memberId", "-3"}}), std::nullopt);
  EXPECT_EQ(MemberIdFromMetadata({{"memberId", "0"}}), std::nullopt);
}

TEST(PaymentRules, DuplicateConfirmFailsOnlyTheOrderThatReusedAnotherOrdersKey) {
  PaymentRecord holder;
  holder.order_id = OrderId("ORD-first");
  holder.payment_key = PaymentKey("pk_1");
  // Every state of the holder: the second order can never use the key, whatever became of the first.
  for (auto s : {PaymentStatus::kReady, PaymentStatus::kDone, PaymentStatus::kCancelPending, PaymentStatus::kCanceled,
                 PaymentStatus::kPartialCanceled, PaymentStatus::kAborted, PaymentStatus::kExpired}) {
    holder.status = s;
    EXPECT_EQ(DecideDuplicateConfirm(OrderId("ORD-second"), holder), DuplicateConfirmAction::kFailOrder) << PaymentStatusName(s);
    // The order's own row (a second confirm under another event) never fails the order.
    EXPECT_EQ(DecideDuplicateConfirm(OrderId("ORD-first"), holder), DuplicateConfirmAction::kAcknowledge) << PaymentStatusName(s);
  }
}

TEST(PaymentRules, ACompensationEventNamingAnotherPaymentIsRefused) {
  PaymentRecord row;
  row.order_id = OrderId("ORD-1");
  row.payment_key = PaymentKey("pk_1");
  row.amount = 15000;
  // The row's own payment.
  EXPECT_FALSE(CheckNamedPayment(row, {PaymentKey("pk_1"), 15000, true}).has_value());
  EXPECT_FALSE(CheckNamedPayment(row, {PaymentKey("pk_1"), 15000, false}).has_value());
  // Another key or amount: refused, whether the event must be exact or not.
  for (bool exact : {true, false}) {
    EXPECT_EQ(CheckNamedPayment(row, {PaymentKey("pk_2"), 15000, exact}), CompensationRefusal::kPaymentKeyMismatch) << exact;
    EXPECT_EQ(CheckNamedPayment(row, {PaymentKey("pk_1"), 15001, exact}), CompensationRefusal::kAmountMismatch) << exact;
    EXPECT_EQ(CheckNamedPayment(row, {PaymentKey("pk_2"), 1, exact}), CompensationRefusal::kPaymentKeyMismatch) << exact;
  }
  // Absent fields: held against an exact event (order-cancelled), not against the others.
  EXPECT_EQ(CheckNamedPayment(row, {PaymentKey(""), 15000, true}), CompensationRefusal::kPaymentKeyMismatch);
  EXPECT_EQ(CheckNamedPayment(row, {PaymentKey("pk_1"), 0, true}), CompensationRefusal::kAmountMismatch);
  EXPECT_FALSE(CheckNamedPayment(row, {PaymentKey(""), 0, false}).has_value());
  EXPECT_FALSE(CheckNamedPayment(row, {PaymentKey(""), 15000, false}).has_value());
  EXPECT_FALSE(CheckNamedPayment(row, {PaymentKey("pk_1"), 0, false}).has_value());
  EXPECT_EQ(CompensationRefusalName(CompensationRefusal::kPaymentKeyMismatch), "payment_key_mismatch");
  EXPECT_EQ(CompensationRefusalName(CompensationRefusal::kAmountMismatch), "amount_mismatch");
}

}  // namespace
}  // namespace eda::payment
