#include "eda/sql/migration_texts.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "eda/sql/migrations.hpp"

namespace eda::sql {
namespace {

TEST(MigrationsFromTexts, ParsesNamesAndSortsByVersion) {
  auto m = MigrationsFromTexts({{"0002_refresh_token.sql", "B"}, {"0001_user.sql", "A"}});
  ASSERT_TRUE(m.ok()) << m.error();
  ASSERT_EQ(m->size(), 2u);
  EXPECT_EQ((*m)[0].version, 1);
  EXPECT_EQ((*m)[0].name, "user");
  EXPECT_EQ((*m)[0].sql, "A");
  EXPECT_EQ((*m)[1].version, 2);
  EXPECT_EQ((*m)[1].name, "refresh_token");
}

TEST(MigrationsFromTexts, RefusesBadNamesZeroAndDuplicateVersions) {
  for (const char* bad : {"init.sql", "0001_.sql", "0001-user.sql", "0001_user.txt", "1234567890_x.sql"}) {
    auto m = MigrationsFromTexts({{bad, "x"}});
    ASSERT_FALSE(m.ok()) << bad;
    EXPECT_EQ(m.error().code, "sql.migration");
  }
  EXPECT_FALSE(MigrationsFromTexts({{"0000_zero.sql", "x"}}).ok());
  EXPECT_FALSE(MigrationsFromTexts({{"0001_a.sql", "x"}, {"1_b.sql", "y"}}).ok());
  auto empty = MigrationsFromTexts({});
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());
}

TEST(MigrationLedger, OneTablePerOwningService) {
  EXPECT_EQ(MigrationLedger("member").value(), "member_schema_migrations");
  EXPECT_EQ(MigrationLedger("member.events").value(), "member_schema_migrations");
  EXPECT_EQ(MigrationLedger("events-test-1a2b").value(), "events-test-1a2b_schema_migrations");
  for (const std::string& bad : std::vector<std::string>{"", ".events", "a b", "x`; DROP TABLE y", "o/rder",
                                                        std::string(41, 'a')}) {
    auto ledger = MigrationLedger(bad);
    ASSERT_FALSE(ledger.ok()) << bad;
    EXPECT_EQ(ledger.error().code, "sql.migration");
  }
}

}  // namespace
}  // namespace eda::sql
