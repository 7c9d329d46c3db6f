#include "catalog/domain/stock_ledger.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace eda::catalog {
namespace {

StockRow Active(std::int64_t stock) {
  StockRow r;
  r.id = ProductId{1};
  r.state = ListingState::kActive;
  r.stock = stock;
  return r;
}

const StockRequest kRequest{"o1", ProductId{1}, 2};

TEST(DecideTake, TakesWhatIsThereAndRefusesWhatIsNot) {
  EXPECT_EQ(DecideTake(kRequest, std::nullopt, Active(2)).kind, TakeDecision::kTake);
  const TakeDecision short_stock = DecideTake(kRequest, std::nullopt, Active(1));
  EXPECT_EQ(short_stock.kind, TakeDecision::kReject);
  EXPECT_EQ(short_stock.reason, "insufficient_stock");
  EXPECT_EQ(short_stock.available, 1);
  EXPECT_EQ(DecideTake(kRequest, std::nullopt, std::nullopt).reason, "unknown_product");
  StockRow deleted = Active(5);
  deleted.state = ListingState::kDeleted;
  EXPECT_EQ(DecideTake(kRequest, std::nullopt, deleted).reason, "product_deleted");
  StockRow abandoned = Active(5);
  abandoned.state = ListingState::kAbandoned;
  EXPECT_EQ(DecideTake(kRequest, std::nullopt, abandoned).reason, "unknown_product");
  StockRow legacy = Active(5);
  legacy.stock.reset();
  EXPECT_EQ(DecideTake(kRequest, std::nullopt, legacy).kind, TakeDecision::kNotReady);
}

TEST(DecideTake, AnOrderIsDecidedOnce) {
  const Reservation reserved{"o1", ProductId{1}, 2, ReservationState::kReserved, {}};
  EXPECT_EQ(DecideTake(kRequest, reserved, Active(0)).kind, TakeDecision::kRepeatReserved);
  const Reservation rejected{"o1", ProductId{1}, 2, ReservationState::kRejected, "insufficient_stock"};
  const TakeDecision again = DecideTake(kRequest, rejected, Active(100));
  EXPECT_EQ(again.kind, TakeDecision::kRepeatRejected) << "a restock does not turn a refusal into a take";
  EXPECT_EQ(again.reason, "insufficient_stock");
  const Reservation released{"o1", ProductId{1}, 0, ReservationState::kReleased, "released_before_request"};
  EXPECT_EQ(DecideTake(kRequest, released, Active(100)).kind, TakeDecision::kCancelled);
  const Reservation other{"o1", ProductId{2}, 2, ReservationState::kReserved, {}};
  EXPECT_EQ(DecideTake(kRequest, other, Active(100)).kind, TakeDecision::kMismatch);
}

TEST(DecideRelease, RestocksOnlyAReservedOrder) {
  EXPECT_EQ(DecideRelease(std::nullopt).kind, ReleaseDecision::kRecordCancelled);
  EXPECT_EQ(DecideRelease(Reservation{"o", ProductId{1}, 1, ReservationState::kReserved, {}}).kind, ReleaseDecision::kRestock);
  EXPECT_EQ(DecideRelease(Reservation{"o", ProductId{1}, 1, ReservationState::kRejected, {}}).kind, ReleaseDecision::kNothing);
  EXPECT_EQ(DecideRelease(Reservation{"o", ProductId{1}, 1, ReservationState::kReleased, {}}).kind, ReleaseDecision::kNothing);
}

TEST(DecideAdjust, NeverBelowZeroNeverOverflows) {
  EXPECT_EQ(DecideAdjust(Active(3), -3).new_stock, 0);
  EXPECT_EQ(DecideAdjust(Active(3), -4).kind, AdjustDecision::kInsufficient);
  EXPECT_EQ(DecideAdjust(Active(3), 4).new_stock, 7);
  EXPECT_EQ(DecideAdjust(Active(std::numeric_limits<std::int64_t>::max() - 1), 2).kind, AdjustDecision::kOverflow);
  EXPECT_EQ(DecideAdjust(std::nullopt, 1).kind, AdjustDecision::kNotFound);
  StockRow legacy = Active(1);
  legacy.stock.reset();
  EXPECT_EQ(DecideAdjust(legacy, 1).kind, AdjustDecision::kNotReady);
}

TEST(StockVersion, GrowsWithTheClockAndNeverGoesBack) {
  EXPECT_EQ(NextStockVersion(0, 1000), 1000);
  EXPECT_EQ(NextStockVersion(1000, 1000), 1001) << "two changes in one microsecond";
  EXPECT_EQ(NextStockVersion(5000, 1000), 5001) << "a clock that stepped back";
}

TEST(StateNames, RoundTrip) {
  for (ListingState s : {ListingState::kPending, ListingState::kActive, ListingState::kDeleted, ListingState::kAbandoned})
    EXPECT_EQ(ParseListingState(ListingStateName(s)), s);
  for (ReservationState s : {ReservationState::kReserved, ReservationState::kRejected, ReservationState::kReleased})
    EXPECT_EQ(ParseReservationState(ReservationStateName(s)), s);
  EXPECT_FALSE(ParseReservationState("PENDING").has_value());
}

}  // namespace
}  // namespace eda::catalog
