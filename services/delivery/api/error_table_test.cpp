#include "delivery/api/error_table.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace eda::delivery {
namespace {

TEST(ErrorTable, EveryEntry) {
  struct Row { DeliveryErrc errc; int status; const char* code; };
  const Row rows[] = {
      {DeliveryErrc::kInvalidRequest, 400, "validation_failed"},
      {DeliveryErrc::kUnauthenticated, 401, "unauthorized"},
      {DeliveryErrc::kForbidden, 403, "forbidden"},
      {DeliveryErrc::kDeliveryNotFound, 404, "delivery_not_found"},
      {DeliveryErrc::kAddressNotFound, 404, "address_not_found"},
      {DeliveryErrc::kCarrierUnavailable, 503, "carrier_unavailable"},
      {DeliveryErrc::kUnavailable, 503, "service_unavailable"},
      {DeliveryErrc::kInternal, 500, "internal_error"},
  };
  ASSERT_EQ(std::size(rows), std::size(kAllDeliveryErrcs));
  std::set<std::string> codes;
  std::set<std::string> types;
  for (const auto& row : rows) {
    const auto& m = MapError(row.errc);
    EXPECT_EQ(m.status, row.status) << row.code;
    EXPECT_EQ(m.code, row.code);
    EXPECT_EQ(m.type, "urn:eda:problem:" + std::string(m.code));
    EXPECT_FALSE(m.title.empty());
    codes.insert(std::string(m.code));
    types.insert(std::string(m.type));
  }
  EXPECT_EQ(codes.size(), std::size(rows));
  EXPECT_EQ(types.size(), std::size(rows));
}

}  // namespace
}  // namespace eda::delivery
