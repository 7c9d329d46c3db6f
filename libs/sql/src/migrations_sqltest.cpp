// Migration tests against the MariaDB test server (label sql). Each test uses its own service name
// and tables, and removes them afterwards.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <future>
#include <thread>

#include "eda/sql/sql.hpp"
#include "eda/sql/testing/test_db.hpp"

namespace eda::sql {
namespace {

using testing::TestSettings;
using testing::UniqueName;

class MigrationsTest : public ::testing::Test {
 protected:
  void TearDown() override {
    Pool pool(TestSettings(1));
    auto c = pool.Acquire();
    if (!c) return;
    for (const auto& table : tables_) (void)c->Execute("DROP TABLE IF EXISTS " + table);
    (void)c->Execute("DROP TABLE IF EXISTS " + service_ + "_schema_migrations");
  }
  std::vector<Migration> Set(int count) {
    std::vector<Migration> out;
    for (int v = 1; v <= count; ++v) {
      const std::string table = prefix_ + "_" + std::to_string(v);
      tables_.push_back(table);
      out.push_back({v, "create_" + std::to_string(v),
                     "CREATE TABLE " + table + " (id INT PRIMARY KEY);\nINSERT INTO " + table + " VALUES (" +
                         std::to_string(v) + ");\n"});
    }
    return out;
  }
  int CountRows(const std::string& table) {
    Pool pool(TestSettings(1));
    auto r = pool.Acquire()->Query("SELECT COUNT(*) FROM " + table, {});
    return r ? r->front().Get<int>(0) : -1;
  }

  std::string service_ = UniqueName("svc");
  std::string prefix_ = UniqueName("m");
  std::vector<std::string> tables_;
};

TEST_F(MigrationsTest, AppliesInOrderOnceAndIsIdempotent) {
  auto set = Set(2);
  std::swap(set[0], set[1]);  // given out of order: still applied 1 then 2
  auto first = ApplyMigrations(TestSettings(), service_, set);
  ASSERT_TRUE(first.ok()) << first.error();
  EXPECT_EQ(first->applied, (std::vector<int>{1, 2}));
  EXPECT_TRUE(first->skipped.empty());
  EXPECT_EQ(CountRows(tables_[0]), 1);

  auto second = ApplyMigrations(TestSettings(), service_, set);
  ASSERT_TRUE(second.ok()) << second.error();
  EXPECT_TRUE(second->applied.empty());
  EXPECT_EQ(second->skipped, (std::vector<int>{1, 2}));
  EXPECT_EQ(CountRows(tables_[0]), 1);  // the INSERT did not run twice

  auto more = Set(3);
  auto third = ApplyMigrations(TestSettings(), service_, {more[2], set[0], set[1]});
  ASSERT_TRUE(third.ok()) << third.error();
  EXPECT_EQ(third->applied, (std::vector<int>{3}));

  Pool pool(TestSettings(1));
  auto rec = pool.Acquire()->Query(
      "SELECT version, name, checksum FROM " + service_ + "_schema_migrations WHERE service = ? ORDER BY version",
      {service_});
  ASSERT_TRUE(rec.ok());
  ASSERT_EQ(rec->size(), 3u);
  EXPECT_EQ((*rec)[0].Get<std::string>("name"), "create_1");
  EXPECT_EQ((*rec)[2].Get<int>("version"), 3);
  EXPECT_EQ((*rec)[2].Get<std::string>("checksum"), MigrationChecksum(more[2].sql));
}

TEST_F(MigrationsTest, ChangedAppliedMigrationIsAnError) {
  auto set = Set(1);
  ASSERT_TRUE(ApplyMigrations(TestSettings(), service_, set).ok());
  set[0].sql += "-- edited\n";
  auto r = ApplyMigrations(TestSettings(), service_, set);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, errc::kMigration);
  EXPECT_NE(r.error().message.find("changed"), std::string::npos);
  // CRLF-only differences are not changes.
  auto crlf = Set(1);
  std::string text;
  for (char ch : crlf[0].sql) {
    if (ch == '\n') text += '\r';
    text += ch;
  }
  crlf[0].sql = text;
  EXPECT_TRUE(ApplyMigrations(TestSettings(), service_, crlf).ok());
}

TEST_F(MigrationsTest, FailingMigrationStopsAndIsNotRecorded) {
  auto set = Set(2);
  set[1].sql = "CREATE TABLE " + tables_[1] + " (id INT PRIMARY KEY);\nTHIS IS NOT SQL;";
  auto r = ApplyMigrations(TestSettings(), service_, set);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, errc::kSyntax);
  EXPECT_NE(r.error().message.find("/2"), std::string::npos);
  Pool pool(TestSettings(1));
  auto rec = pool.Acquire()->Query("SELECT version FROM " + service_ + "_schema_migrations WHERE service = ?", {service_});
  ASSERT_EQ(rec->size(), 1u);
  EXPECT_EQ(rec->front().Get<int>(0), 1);
}

TEST_F(MigrationsTest, ConcurrentStartersApplyEachVersionOnce) {
  const auto set = Set(3);
  constexpr int kStarters = 4;
  std::vector<std::future<Result<MigrationOutcome>>> starters;
  for (int k = 0; k < kStarters; ++k)
    starters.push_back(std::async(std::launch::async, [&] { return ApplyMigrations(TestSettings(), service_, set); }));
  std::size_t applied = 0;
  for (auto& f : starters) {
    auto r = f.get();
    ASSERT_TRUE(r.ok()) << r.error();
    applied += r->applied.size();
    EXPECT_EQ(r->applied.size() + r->skipped.size(), 3u);
  }
  EXPECT_EQ(applied, 3u);
  EXPECT_EQ(CountRows(tables_[2]), 1);
}

TEST_F(MigrationsTest, LoadsVersionedFilesFromDirectory) {
  const auto dir = std::filesystem::temp_directory_path() / UniqueName("migrations");
  std::filesystem::create_directories(dir);
  auto write = [&](const std::string& name, const std::string& text) { std::ofstream(dir / name) << text; };
  write("0002_second.sql", "SELECT 2;");
  write("0001_init.sql", "SELECT 1;");
  write("README.md", "ignored");
  write("notes.sql", "ignored: no version");
  auto loaded = LoadMigrations(dir);
  ASSERT_TRUE(loaded.ok()) << loaded.error();
  ASSERT_EQ(loaded->size(), 2u);
  EXPECT_EQ((*loaded)[0].version, 1);
  EXPECT_EQ((*loaded)[0].name, "init");
  EXPECT_EQ((*loaded)[0].sql, "SELECT 1;");
  EXPECT_EQ((*loaded)[1].version, 2);
  write("02_dup.sql", "SELECT 3;");
  auto dup = LoadMigrations(dir);
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, errc::kMigration);
  std::filesystem::remove_all(dir);
  EXPECT_FALSE(LoadMigrations(dir).ok());
}

}  // namespace
}  // namespace eda::sql
