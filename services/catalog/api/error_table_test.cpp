#include "catalog/api/error_table.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include <gtest/gtest.h>

namespace eda::catalog {
namespace {

// The whole table spelled out: changing a status or code is a wire change and shows up here.
const std::map<CatalogErrc, std::pair<int, std::string>> kExpected = {
    {CatalogErrc::kInvalidRequest, {400, "validation_failed"}},
    {CatalogErrc::kUnauthenticated, {401, "unauthorized"}},
    {CatalogErrc::kForbidden, {403, "forbidden"}},
    {CatalogErrc::kProductNotFound, {404, "product_not_found"}},
    {CatalogErrc::kInsufficientStock, {409, "insufficient_stock"}},
    {CatalogErrc::kConflict, {409, "stock_contention"}},
    {CatalogErrc::kUnavailable, {503, "service_unavailable"}},
    {CatalogErrc::kInternal, {500, "internal_error"}},
};

TEST(CatalogErrorTable, EveryDomainErrorHasItsExpectedEntry) {
  ASSERT_EQ(kExpected.size(), std::size(kAllCatalogErrcs)) << "a CatalogErrc was added: extend the table and this test";
  for (CatalogErrc errc : kAllCatalogErrcs) {
    const auto it = kExpected.find(errc);
    ASSERT_NE(it, kExpected.end()) << static_cast<int>(errc);
    const ErrorMapping& m = MapError(errc);
    EXPECT_EQ(m.status, it->second.first) << m.code;
    EXPECT_EQ(m.code, it->second.second);
  }
}

TEST(CatalogErrorTable, CodesAndTypesAreUniqueAndWellFormed) {
  std::set<std::string_view> codes;
  for (CatalogErrc errc : kAllCatalogErrcs) {
    const ErrorMapping& m = MapError(errc);
    EXPECT_TRUE(codes.insert(m.code).second) << "duplicate code " << m.code;
    EXPECT_EQ(m.type, "urn:eda:problem:" + std::string(m.code));
    EXPECT_TRUE(std::all_of(m.code.begin(), m.code.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; }));
    EXPECT_FALSE(m.title.empty());
  }
}

}  // namespace
}  // namespace eda::catalog
