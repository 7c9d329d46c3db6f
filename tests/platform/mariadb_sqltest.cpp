// MariaDB is reachable with the configured credentials, and InnoDB transactions behave: a commit
// keeps its row, a rollback leaves none.

#include <gtest/gtest.h>
#include <mysql.h>

#include <memory>
#include <string>

#include "platform_env.hpp"

namespace eda::platform_test {
namespace {

struct MysqlCloser {
  void operator()(MYSQL* db) const { mysql_close(db); }
};
using MysqlPtr = std::unique_ptr<MYSQL, MysqlCloser>;

class MariaDbPlatform : public ::testing::Test {
 protected:
  void SetUp() override {
    db_.reset(mysql_init(nullptr));
    ASSERT_NE(db_, nullptr);
    unsigned int timeout = 10;
    mysql_options(db_.get(), MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
    const std::string host = EnvOr("EDA_MYSQL_HOST", "127.0.0.1");
    const std::string user = EnvOr("EDA_MYSQL_USER", "root");
    const std::string password = EnvOr("EDA_MYSQL_PASSWORD", "1234");
    const std::string database = EnvOr("EDA_MYSQL_DATABASE", "my_db");
    const int port = PortEnvOr("EDA_MYSQL_PORT", 23306);
    ASSERT_NE(mysql_real_connect(db_.get(), host.c_str(), user.c_str(), password.c_str(), database.c_str(),
                                 static_cast<unsigned int>(port), nullptr, 0),
              nullptr)
        << mysql_error(db_.get());
    table_ = "platform_tx_" + UniqueSuffix();
    Exec("CREATE TABLE " + table_ + " (id INT PRIMARY KEY, note VARCHAR(64) NOT NULL) ENGINE=InnoDB");
  }

  void TearDown() override {
    if (db_ && !table_.empty()) mysql_query(db_.get(), ("DROP TABLE IF EXISTS " + table_).c_str());
  }

  // DDL and transaction control only; row values go through InsertRow's prepared statement.
  void Exec(const std::string& sql) { ASSERT_EQ(mysql_query(db_.get(), sql.c_str()), 0) << mysql_error(db_.get()); }

  void InsertRow(int id, const std::string& note) {
    MYSQL_STMT* stmt = mysql_stmt_init(db_.get());
    ASSERT_NE(stmt, nullptr);
    const std::string sql = "INSERT INTO " + table_ + " (id, note) VALUES (?, ?)";
    ASSERT_EQ(mysql_stmt_prepare(stmt, sql.c_str(), sql.size()), 0) << mysql_stmt_error(stmt);
    MYSQL_BIND bind[2] = {};
    bind[0].buffer_type = MYSQL_TYPE_LONG;
    bind[0].buffer = &id;
    unsigned long note_len = note.size();
    bind[1].buffer_type = MYSQL_TYPE_STRING;
    bind[1].buffer = const_cast<char*>(note.data());
    bind[1].buffer_length = note.size();
    bind[1].length = &note_len;
    ASSERT_EQ(mysql_stmt_bind_param(stmt, bind), 0) << mysql_stmt_error(stmt);
    ASSERT_EQ(mysql_stmt_execute(stmt), 0) << mysql_stmt_error(stmt);
    EXPECT_EQ(mysql_stmt_affected_rows(stmt), 1u);
    mysql_stmt_close(stmt);
  }

  long long CountRows() {
    if (mysql_query(db_.get(), ("SELECT COUNT(*) FROM " + table_).c_str()) != 0) return -1;
    MYSQL_RES* res = mysql_store_result(db_.get());
    if (res == nullptr) return -1;
    MYSQL_ROW row = mysql_fetch_row(res);
    long long n = row != nullptr && row[0] != nullptr ? std::stoll(row[0]) : -1;
    mysql_free_result(res);
    return n;
  }

  MysqlPtr db_;
  std::string table_;
};

TEST_F(MariaDbPlatform, CommittedTransactionKeepsItsRow) {
  Exec("START TRANSACTION");
  InsertRow(1, "committed");
  Exec("COMMIT");
  EXPECT_EQ(CountRows(), 1);
}

TEST_F(MariaDbPlatform, RolledBackTransactionLeavesNoRow) {
  Exec("START TRANSACTION");
  InsertRow(2, "rolled back");
  EXPECT_EQ(CountRows(), 1) << "the row is visible inside its own transaction";
  Exec("ROLLBACK");
  EXPECT_EQ(CountRows(), 0);
}

TEST_F(MariaDbPlatform, ServerIsMariaDb1011) {
  const std::string version = mysql_get_server_info(db_.get());
  EXPECT_NE(version.find("10.11"), std::string::npos) << version;
  EXPECT_NE(version.find("MariaDB"), std::string::npos) << version;
}

}  // namespace
}  // namespace eda::platform_test
