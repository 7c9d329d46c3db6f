#include "order/domain/order_state_machine.hpp"

#include <gtest/gtest.h>

#include <map>
#include <utility>

namespace eda::order {
namespace {

using S = OrderStatus;
using E = SagaEvent;

// The complete expected table: every (state, event) pair not listed here must be kStale or kInvalid
// as given by the explicit lists below.
const std::map<std::pair<S, E>, S>& Applied() {
  static const std::map<std::pair<S, E>, S> kTable = {
      {{S::kCreated, E::kFinish}, S::kPaymentRequested},
      {{S::kCreated, E::kDeadlinePassed}, S::kExpired},
      {{S::kPaymentRequested, E::kPaymentConfirmed}, S::kPaid},
      {{S::kPaymentRequested, E::kPaymentFailed}, S::kPaymentFailed},
      {{S::kPaid, E::kStockReserved}, S::kStockReserved},
      {{S::kPaid, E::kDeliveryCreated}, S::kDeliveryRequested},  // delivery-request not seen yet
      {{S::kPaid, E::kInDelivery}, S::kInDelivery},
      {{S::kPaid, E::kDelivered}, S::kDelivered},
      {{S::kPaid, E::kStockRejected}, S::kCancelling},
      {{S::kPaid, E::kDeliveryFailed}, S::kCancelling},
      {{S::kPaid, E::kRefunded}, S::kCancelled},  // refund overtook stock-rejected
      {{S::kStockReserved, E::kDeliveryCreated}, S::kDeliveryRequested},
      {{S::kStockReserved, E::kInDelivery}, S::kInDelivery},
      {{S::kStockReserved, E::kDelivered}, S::kDelivered},
      {{S::kStockReserved, E::kDeliveryFailed}, S::kCancelling},
      {{S::kStockReserved, E::kRefunded}, S::kCancelled},
      {{S::kDeliveryRequested, E::kInDelivery}, S::kInDelivery},
      {{S::kDeliveryRequested, E::kDelivered}, S::kDelivered},
      {{S::kDeliveryRequested, E::kDeliveryFailed}, S::kCancelling},
      {{S::kDeliveryRequested, E::kRefunded}, S::kCancelled},
      {{S::kInDelivery, E::kDelivered}, S::kDelivered},
      {{S::kCancelling, E::kRefunded}, S::kCancelled},
  };
  return kTable;
}

// Pairs that are contradictions (acknowledged, logged); every other non-applied pair is stale.
bool ExpectedInvalid(S s, E e) {
  switch (s) {
    case S::kCreated:
      return e != E::kFinish && e != E::kDeadlinePassed;
    case S::kPaymentRequested:
      return e == E::kStockReserved || e == E::kDeliveryCreated || e == E::kInDelivery || e == E::kDelivered ||
             e == E::kStockRejected || e == E::kDeliveryFailed || e == E::kRefunded;
    case S::kPaid:
      return e == E::kPaymentFailed;
    case S::kStockReserved:
    case S::kDeliveryRequested:
      return e == E::kPaymentFailed || e == E::kStockRejected;
    case S::kInDelivery:
      return e == E::kPaymentFailed || e == E::kStockRejected || e == E::kDeliveryFailed || e == E::kRefunded;
    case S::kDelivered:
      return e == E::kPaymentFailed || e == E::kStockRejected || e == E::kDeliveryFailed || e == E::kRefunded ||
             e == E::kDeadlinePassed;
    case S::kPaymentFailed:
      return !(e == E::kPaymentFailed || e == E::kFinish || e == E::kDeadlinePassed);
    case S::kCancelling:
      return e == E::kPaymentFailed;
    case S::kCancelled:
      return e == E::kPaymentConfirmed || e == E::kFinish || e == E::kPaymentFailed;
    case S::kExpired:
      return e != E::kDeadlinePassed;
  }
  return false;
}

TEST(OrderStateMachine, EveryStateAndEventPairHasTheExpectedVerdict) {
  int applied = 0;
  for (S s : kAllOrderStatuses) {
    for (E e : kAllSagaEvents) {
      const Transition t = Decide(s, e);
      const auto it = Applied().find({s, e});
      SCOPED_TRACE(std::string(StatusName(s)) + " + " + std::string(SagaEventName(e)));
      if (it != Applied().end()) {
        EXPECT_EQ(t.verdict, Verdict::kApply);
        EXPECT_EQ(t.to, it->second);
        ++applied;
      } else if (ExpectedInvalid(s, e)) {
        EXPECT_EQ(t.verdict, Verdict::kInvalid);
      } else {
        EXPECT_EQ(t.verdict, Verdict::kStale);
      }
    }
  }
  EXPECT_EQ(applied, static_cast<int>(Applied().size()));
}

TEST(OrderStateMachine, TerminalStatesNeverChange) {
  for (S s : kAllOrderStatuses) {
    if (!IsTerminal(s)) continue;
    for (E e : kAllSagaEvents) EXPECT_NE(Decide(s, e).verdict, Verdict::kApply) << StatusName(s);
  }
  EXPECT_TRUE(IsTerminal(S::kDelivered));
  EXPECT_TRUE(IsTerminal(S::kCancelled));
  EXPECT_TRUE(IsTerminal(S::kPaymentFailed));
  EXPECT_TRUE(IsTerminal(S::kExpired));
  EXPECT_FALSE(IsTerminal(S::kCancelling));
}

TEST(OrderStateMachine, HappyPathReachesDelivered) {
  S s = S::kCreated;
  for (E e : {E::kFinish, E::kPaymentConfirmed, E::kStockReserved, E::kDeliveryCreated, E::kInDelivery, E::kDelivered}) {
    const Transition t = Decide(s, e);
    ASSERT_EQ(t.verdict, Verdict::kApply);
    s = t.to;
  }
  EXPECT_EQ(s, S::kDelivered);
}

TEST(OrderStateMachine, RedeliveryOfTheSameEventIsStale) {
  EXPECT_EQ(Decide(S::kPaymentRequested, E::kFinish).verdict, Verdict::kStale);
  EXPECT_EQ(Decide(S::kPaid, E::kPaymentConfirmed).verdict, Verdict::kStale);
  EXPECT_EQ(Decide(S::kDeliveryRequested, E::kStockReserved).verdict, Verdict::kStale);  // late delivery-request
  EXPECT_EQ(Decide(S::kCancelled, E::kRefunded).verdict, Verdict::kStale);
}

TEST(OrderStatus, NamesRoundTripAndSeedMapping) {
  for (S s : kAllOrderStatuses) EXPECT_EQ(ParseStatus(StatusName(s)), s);
  EXPECT_FALSE(ParseStatus("NOPE").has_value());
  EXPECT_EQ(SeedStatusName(S::kCreated), "INITIATED");
  EXPECT_EQ(SeedStatusName(S::kPaymentRequested), "INITIATED");
  EXPECT_EQ(SeedStatusName(S::kPaid), "PAYMENT_COMPLETED");
  EXPECT_EQ(SeedStatusName(S::kStockReserved), "PAYMENT_COMPLETED");
  EXPECT_EQ(SeedStatusName(S::kDeliveryRequested), "DELIVERY_REQUESTED");
  EXPECT_EQ(SeedStatusName(S::kInDelivery), "DELIVERY_IN_PROGRESS");
  EXPECT_EQ(SeedStatusName(S::kDelivered), "DELIVERY_COMPLETED");
  for (S s : {S::kPaymentFailed, S::kCancelling, S::kCancelled, S::kExpired}) EXPECT_EQ(SeedStatusName(s), "DELIVERY_FAILED");
}

}  // namespace
}  // namespace eda::order
