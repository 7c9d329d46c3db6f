#include "order/api/error_table.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace eda::order {
namespace {

TEST(OrderErrorTable, EveryErrorHasItsExpectedStatusAndCode) {
  const std::map<OrderErrc, std::pair<int, std::string_view>> expected = {
      {OrderErrc::kInvalidRequest, {400, "invalid_request"}},
      {OrderErrc::kUnauthenticated, {401, "unauthorized"}},
      {OrderErrc::kForbidden, {403, "forbidden"}},
      {OrderErrc::kOrderNotFound, {404, "order_not_found"}},
      {OrderErrc::kProductNotFound, {422, "product_not_found"}},
      {OrderErrc::kAmountMismatch, {422, "amount_mismatch"}},
      {OrderErrc::kPaymentKeyConflict, {409, "payment_key_conflict"}},
      {OrderErrc::kNotPayable, {409, "order_not_payable"}},
      {OrderErrc::kNotCancellable, {409, "order_not_cancellable"}},
      {OrderErrc::kAddressNotFound, {422, "address_not_found"}},
      {OrderErrc::kDeliveryUnavailable, {503, "delivery_unavailable"}},
      {OrderErrc::kCatalogUnavailable, {503, "catalog_unavailable"}},
      {OrderErrc::kUnavailable, {503, "unavailable"}},
      {OrderErrc::kInternal, {500, "internal_error"}},
  };
  ASSERT_EQ(expected.size(), kAllOrderErrcs.size());
  std::set<std::string_view> codes;
  for (OrderErrc e : kAllOrderErrcs) {
    const ErrorMapping m = MapError(e);
    ASSERT_TRUE(expected.count(e));
    EXPECT_EQ(m.status, expected.at(e).first);
    EXPECT_EQ(m.code, expected.at(e).second);
    codes.insert(m.code);
  }
  EXPECT_EQ(codes.size(), kAllOrderErrcs.size());  // codes are distinct
}

TEST(OrderErrorTable, ProblemCarriesTheDetailButNeverTheCause) {
  const http::Problem p = ToProblem(OrderError{OrderErrc::kUnavailable, "try later", "sql.connection: secret host"});
  EXPECT_EQ(p.status, 503);
  EXPECT_EQ(p.code, "unavailable");
  EXPECT_EQ(p.detail, "try later");
  EXPECT_EQ(p.ToJson("/orders").find("secret host"), std::string::npos);
}

}  // namespace
}  // namespace eda::order
