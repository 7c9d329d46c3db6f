#include "payment/api/error_table.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace eda::payment {
namespace {

TEST(PaymentErrorTable, EveryErrorHasItsExpectedStatusAndCode) {
  const std::map<PaymentErrc, std::pair<int, std::string_view>> expected = {
      {PaymentErrc::kInvalidRequest, {400, "invalid_request"}},
      {PaymentErrc::kForbidden, {403, "forbidden"}},
      {PaymentErrc::kNotFound, {404, "payment_not_found"}},
      {PaymentErrc::kCancelThroughOrder, {409, "cancel_through_order"}},
      {PaymentErrc::kAlreadyCanceled, {409, "payment_already_canceled"}},
      {PaymentErrc::kUnavailable, {503, "unavailable"}},
      {PaymentErrc::kInternal, {500, "internal_error"}},
  };
  ASSERT_EQ(expected.size(), kAllPaymentErrcs.size());
  std::set<std::string_view> codes;
  for (PaymentErrc e : kAllPaymentErrcs) {
    const ErrorMapping m = MapError(e);
    ASSERT_TRUE(expected.count(e));
    EXPECT_EQ(m.status, expected.at(e).first);
    EXPECT_EQ(m.code, expected.at(e).second);
    EXPECT_FALSE(m.title.empty());
    codes.insert(m.code);
  }
  EXPECT_EQ(codes.size(), kAllPaymentErrcs.size());  // codes are distinct
}

TEST(PaymentErrorTable, ProblemIsRfc9457WithTheStableCode) {
  const http::Problem p = ToProblem(PaymentError{PaymentErrc::kNotFound, "no payment for key x"});
  EXPECT_EQ(p.status, 404);
  EXPECT_EQ(p.code, "payment_not_found");
  const std::string json = p.ToJson("/payments/payment");
  EXPECT_NE(json.find("\"type\":\"urn:eda:problem:payment_not_found\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"detail\":\"no payment for key x\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"instance\":\"/payments/payment\""), std::string::npos) << json;
}

}  // namespace
}  // namespace eda::payment
