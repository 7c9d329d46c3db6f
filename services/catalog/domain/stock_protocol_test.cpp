#include "catalog/domain/stock_protocol.hpp"

#include <limits>

#include <gtest/gtest.h>

namespace eda::catalog {
namespace {

StockSnapshot Snap(std::int64_t stock, std::int64_t version = 3, std::vector<std::string> ops = {}) {
  StockSnapshot s;
  s.exists = true;
  s.stock = stock;
  s.version = version;
  s.ops = std::move(ops);
  return s;
}

TEST(DecideTake, TakesWhenEnoughAndNeverGoesNegative) {
  auto d = DecideTake(Snap(5), "o1", 5);
  EXPECT_EQ(d.kind, TakeDecision::kCasTake);
  EXPECT_EQ(d.new_stock, 0);
  d = DecideTake(Snap(4), "o1", 5);
  EXPECT_EQ(d.kind, TakeDecision::kCasReject) << "no clamping: short stock is a refusal";
  EXPECT_EQ(d.reason, "insufficient_stock");
  EXPECT_EQ(d.new_stock, 4) << "a refusal leaves the stock as it is";
  EXPECT_EQ(DecideTake(Snap(0), "o1", 1).kind, TakeDecision::kCasReject);
  EXPECT_EQ(DecideTake(Snap(9), "o1", 0).kind, TakeDecision::kCasReject);
}

TEST(DecideTake, MarkersWinOverTheStockFigures) {
  EXPECT_EQ(DecideTake(Snap(0, 3, {"take:o1"}), "o1", 5).kind, TakeDecision::kAlreadyTaken);
  EXPECT_EQ(DecideTake(Snap(100, 3, {"reject:o1"}), "o1", 5).kind, TakeDecision::kAlreadyRejected);
  EXPECT_EQ(DecideTake(Snap(100, 3, {"take:o2"}), "o1", 5).kind, TakeDecision::kCasTake) << "other orders' markers";
  EXPECT_EQ(DecideTake(Snap(100, 3, {"release:o1"}), "o1", 5).kind, TakeDecision::kCasTake);
}

TEST(DecideTake, UnknownOrDeletedProductIsRejectedWithoutACas) {
  auto d = DecideTake(StockSnapshot{}, "o1", 1);
  EXPECT_EQ(d.kind, TakeDecision::kRejectNoProduct);
  EXPECT_EQ(d.reason, "unknown_product");
  auto deleted = Snap(10);
  deleted.deleted = true;
  d = DecideTake(deleted, "o1", 1);
  EXPECT_EQ(d.kind, TakeDecision::kRejectNoProduct);
  EXPECT_EQ(d.reason, "product_deleted");
}

TEST(ReservationSteps, FollowTheStoredState) {
  const ProductId p{1};
  Reservation r{"o1", p, 2, ReservationState::kPending, {}};
  EXPECT_EQ(NextStepForReservation(r, p, 2), ReservationStep::kDecide);
  r.state = ReservationState::kReserved;
  EXPECT_EQ(NextStepForReservation(r, p, 2), ReservationStep::kAlreadyReserved);
  r.state = ReservationState::kRejected;
  EXPECT_EQ(NextStepForReservation(r, p, 2), ReservationStep::kAlreadyRejected);
  r.state = ReservationState::kReleased;
  EXPECT_EQ(NextStepForReservation(r, p, 2), ReservationStep::kCancelled);
  r.quantity = 0;  // a release written before the request
  EXPECT_EQ(NextStepForReservation(r, p, 2), ReservationStep::kCancelled);
  r = Reservation{"o1", p, 2, ReservationState::kPending, {}};
  EXPECT_EQ(NextStepForReservation(r, ProductId{2}, 2), ReservationStep::kMismatch);
  EXPECT_EQ(NextStepForReservation(r, p, 3), ReservationStep::kMismatch);
}

TEST(ReleaseSteps, OnlyAReservedOrderIsPutBack) {
  EXPECT_EQ(NextStepForRelease(std::nullopt), ReleaseStep::kRecordCancelled);
  Reservation r{"o1", ProductId{1}, 2, ReservationState::kPending, {}};
  EXPECT_EQ(NextStepForRelease(r), ReleaseStep::kRetryLater);
  r.state = ReservationState::kReserved;
  EXPECT_EQ(NextStepForRelease(r), ReleaseStep::kRelease);
  r.state = ReservationState::kRejected;
  EXPECT_EQ(NextStepForRelease(r), ReleaseStep::kNothingToDo);
  r.state = ReservationState::kReleased;
  EXPECT_EQ(NextStepForRelease(r), ReleaseStep::kNothingToDo);
}

TEST(DecideRelease, AddsOnceAndSaturates) {
  auto d = DecideRelease(Snap(3), "o1", 2);
  EXPECT_EQ(d.kind, ReleaseDecision::kCasRelease);
  EXPECT_EQ(d.new_stock, 5);
  EXPECT_EQ(DecideRelease(Snap(3, 1, {"release:o1"}), "o1", 2).kind, ReleaseDecision::kAlreadyReleased);
  EXPECT_EQ(DecideRelease(StockSnapshot{}, "o1", 2).kind, ReleaseDecision::kNoProduct);
  EXPECT_EQ(DecideRelease(Snap(std::numeric_limits<std::int64_t>::max() - 1), "o1", 5).new_stock,
            std::numeric_limits<std::int64_t>::max());
}

TEST(DecideAdjust, NoClampingNoOverflow) {
  auto d = DecideAdjust(Snap(5), -5);
  EXPECT_EQ(d.kind, AdjustDecision::kCas);
  EXPECT_EQ(d.new_stock, 0);
  EXPECT_EQ(DecideAdjust(Snap(5), -6).kind, AdjustDecision::kInsufficient);
  EXPECT_EQ(DecideAdjust(Snap(5), 7).new_stock, 12);
  EXPECT_EQ(DecideAdjust(Snap(std::numeric_limits<std::int64_t>::max()), 1).kind, AdjustDecision::kOverflow);
  EXPECT_EQ(DecideAdjust(StockSnapshot{}, 1).kind, AdjustDecision::kNotFound);
}

TEST(ReservationState, NamesRoundTrip) {
  for (auto s : {ReservationState::kPending, ReservationState::kReserved, ReservationState::kRejected,
                 ReservationState::kReleased}) {
    EXPECT_EQ(ParseReservationState(ReservationStateName(s)), s);
  }
  EXPECT_FALSE(ParseReservationState("reserved").has_value());
}

}  // namespace
}  // namespace eda::catalog
