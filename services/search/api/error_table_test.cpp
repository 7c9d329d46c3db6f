#include "search/api/error_table.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace eda::search {
namespace {

// The whole table, spelled out: changing a status or code is a wire change.
const std::map<SearchErrc, std::pair<int, std::string>> kExpected = {
    {SearchErrc::kInvalidQuery, {400, "validation_failed"}},
    {SearchErrc::kUnavailable, {503, "service_unavailable"}},
    {SearchErrc::kRebuildRunning, {409, "rebuild_running"}},
    {SearchErrc::kInternal, {500, "internal_error"}},
};

TEST(SearchErrorTable, EveryErrcHasItsEntry) {
  ASSERT_EQ(kExpected.size(), kAllSearchErrcs.size()) << "a SearchErrc was added: extend the table and this test";
  std::set<std::string_view> codes;
  for (SearchErrc errc : kAllSearchErrcs) {
    const auto it = kExpected.find(errc);
    ASSERT_NE(it, kExpected.end());
    const ErrorMapping& m = MapError(errc);
    EXPECT_EQ(m.status, it->second.first);
    EXPECT_EQ(m.code, it->second.second);
    EXPECT_EQ(m.type, "urn:eda:problem:" + std::string(m.code));
    EXPECT_FALSE(m.title.empty());
    EXPECT_TRUE(codes.insert(m.code).second) << "duplicate code " << m.code;
  }
}

TEST(SearchErrorTable, ProblemCarriesFieldErrors) {
  const http::Problem p = ToProblem(SearchError{SearchErrc::kInvalidQuery, "bad", {{"size", "too big"}}});
  EXPECT_EQ(p.status, 400);
  EXPECT_EQ(p.code, "validation_failed");
  ASSERT_EQ(p.errors.size(), 1u);
  EXPECT_EQ(p.errors[0].field, "size");
  EXPECT_EQ(p.detail, "bad");
}

}  // namespace
}  // namespace eda::search
