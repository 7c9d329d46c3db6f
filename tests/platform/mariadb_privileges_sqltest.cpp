// Least privilege in MariaDB (issue 11): every service that keeps data in MariaDB logs in as its own
// user, made by ./eda (deploy/lib/mariadb.sh) with a password kept in
// $EDA_STATE_DIR/secrets/mysql-<service>.password. A user runs its own migrations and uses its own
// tables, and is refused every other service's tables and every administrative statement.
// Needs the test stack (`./eda infra up --profile test` and its environment: EDA_STATE_DIR, EDA_MYSQL_*).

#include <gtest/gtest.h>
#include <mysql.h>
#include <sys/stat.h>

#include <array>
#include <fstream>
#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "eda/sql/migrations.hpp"
#include "eda/sql/settings.hpp"
#include "eda/sql/testing/test_db.hpp"
#include "order/store/schema.hpp"
#include "platform_env.hpp"

namespace eda::platform_test {
namespace {

struct MysqlCloser {
  void operator()(MYSQL* db) const { mysql_close(db); }
};
using MysqlPtr = std::unique_ptr<MYSQL, MysqlCloser>;

// One table each service owns (created by its first migration).
struct Owned {
  const char* service;
  const char* table;
};
constexpr std::array<Owned, 5> kServices{{
    {"member", "`user`"},
    {"payment", "payments"},
    {"delivery", "delivery"},
    {"catalog", "seller_product"},
    {"order", "orders"},
}};

std::string SecretsDir() {
  const std::string state = EnvOr("EDA_STATE_DIR", "");
  return state.empty() ? std::string() : state + "/secrets";
}
std::string PasswordFile(const std::string& service) { return SecretsDir() + "/mysql-" + service + ".password"; }

// The service's password, or "" when its file is missing (the test then fails; the value is never printed).
std::string Password(const std::string& service) {
  std::ifstream in(PasswordFile(service));
  std::string pw;
  std::getline(in, pw);
  return pw;
}

MysqlPtr Connect(const std::string& user, const std::string& password) {
  MysqlPtr db(mysql_init(nullptr));
  if (!db) return db;
  unsigned int timeout = 10;
  mysql_options(db.get(), MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
  const std::string host = EnvOr("EDA_MYSQL_HOST", "127.0.0.1");
  const std::string database = EnvOr("EDA_MYSQL_DATABASE", "my_db");
  const int port = PortEnvOr("EDA_MYSQL_PORT", 23306);
  if (mysql_real_connect(db.get(), host.c_str(), user.c_str(), password.c_str(), database.c_str(),
                         static_cast<unsigned int>(port), nullptr, 0) == nullptr) {
    ADD_FAILURE() << "login as " << user << " failed: " << mysql_error(db.get());
    return nullptr;
  }
  return db;
}

// Runs one statement; returns the server's error number (0: it succeeded). Results are discarded.
unsigned int Exec(MYSQL* db, const std::string& sql) {
  if (mysql_query(db, sql.c_str()) != 0) return mysql_errno(db);
  if (MYSQL_RES* res = mysql_store_result(db)) mysql_free_result(res);
  return 0;
}

// Privilege errors: 1044 database, 1142 table, 1143 column, 1227 global privilege needed.
bool Denied(unsigned int err) { return err == 1044 || err == 1142 || err == 1143 || err == 1227; }

class MariaDbPrivileges : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(SecretsDir().empty()) << "EDA_STATE_DIR is not set; run under ./eda test or after "
                                          "eval \"$(./eda infra env --profile test)\"";
  }
};

TEST_F(MariaDbPrivileges, PasswordsArePrivateFilesOfRandomHex) {
  struct stat st {};
  ASSERT_EQ(stat(SecretsDir().c_str(), &st), 0) << SecretsDir();
  EXPECT_EQ(st.st_mode & 0077, 0u) << "the secrets directory is readable by others";
  const std::regex hex("[0-9a-f]{64}");
  for (const auto& s : kServices) {
    ASSERT_EQ(stat(PasswordFile(s.service).c_str(), &st), 0) << PasswordFile(s.service);
    EXPECT_EQ(st.st_mode & 0777, 0600u) << PasswordFile(s.service);
    EXPECT_TRUE(std::regex_match(Password(s.service), hex)) << PasswordFile(s.service) << " is not 32 bytes of hex";
  }
  EXPECT_NE(Password("order"), Password("payment"));
}

TEST_F(MariaDbPrivileges, EachServiceIsRefusedEveryOtherServicesTables) {
  for (const auto& me : kServices) {
    auto db = Connect(me.service, Password(me.service));
    ASSERT_TRUE(db) << me.service;
    for (const auto& other : kServices) {
      if (std::string(other.service) == me.service) continue;
      SCOPED_TRACE(std::string(me.service) + " on " + other.service + "'s " + other.table);
      EXPECT_EQ(Exec(db.get(), std::string("SELECT * FROM ") + other.table + " LIMIT 1"), 1142u);
      EXPECT_EQ(Exec(db.get(), std::string("INSERT INTO ") + other.table + " () VALUES ()"), 1142u);
      EXPECT_EQ(Exec(db.get(), std::string("DELETE FROM ") + other.table), 1142u);
      EXPECT_EQ(Exec(db.get(), std::string("UPDATE ") + other.table + " SET id = id"), 1142u);
      EXPECT_EQ(Exec(db.get(), std::string("SELECT * FROM ") + other.service + "_outbox"), 1142u);
      EXPECT_EQ(Exec(db.get(), std::string("INSERT INTO ") + other.service + "_inbox () VALUES ()"), 1142u);
    }
    EXPECT_EQ(Exec(db.get(), "SELECT * FROM mysql.user"), 1142u) << me.service;
  }
}

// Each service has its own migration history (<service>_schema_migrations, libs/sql's
// MigrationLedger): it may add to it, never rewrite it, and it cannot read or write another's or
// record migrations under another service's name.
TEST_F(MariaDbPrivileges, EachServiceKeepsItsOwnMigrationHistory) {
  for (const auto& me : kServices) {
    SCOPED_TRACE(me.service);
    auto db = Connect(me.service, Password(me.service));
    ASSERT_TRUE(db);
    const std::string own = std::string(me.service) + "_schema_migrations";
    EXPECT_EQ(Exec(db.get(), "CREATE TABLE IF NOT EXISTS `" + own + "` (service VARCHAR(64) NOT NULL, version INT NOT NULL,"
                             " name VARCHAR(255) NOT NULL, checksum CHAR(64) NOT NULL, applied_at DATETIME(6) NOT NULL,"
                             " PRIMARY KEY (service, version))"),
              0u)
        << mysql_error(db.get());
    EXPECT_EQ(Exec(db.get(), "SELECT * FROM `" + own + "`"), 0u) << mysql_error(db.get());
    EXPECT_EQ(Exec(db.get(), "UPDATE `" + own + "` SET checksum = 'x'"), 1142u) << "its history is append-only";
    EXPECT_EQ(Exec(db.get(), "DELETE FROM `" + own + "`"), 1142u) << "its history is append-only";
    EXPECT_EQ(Exec(db.get(), "SELECT * FROM schema_migrations"), 1142u) << "no shared history";
    for (const auto& other : kServices) {
      if (std::string(other.service) == me.service) continue;
      const std::string theirs = std::string(other.service) + "_schema_migrations";
      SCOPED_TRACE(theirs);
      EXPECT_EQ(Exec(db.get(), "SELECT * FROM `" + theirs + "`"), 1142u);
      EXPECT_EQ(Exec(db.get(), "INSERT INTO `" + theirs + "` (service, version, name, checksum, applied_at) VALUES ('" +
                                   other.service + "', 999, 'forged', 'x', UTC_TIMESTAMP(6))"),
                1142u);
      EXPECT_EQ(Exec(db.get(), "DELETE FROM `" + theirs + "`"), 1142u);
      EXPECT_EQ(Exec(db.get(), "DROP TABLE `" + theirs + "`"), 1142u);

      // libs/sql's migration runner under another service's name fails before it records anything.
      sql::Settings settings = sql::testing::TestSettings(1);
      settings.user = me.service;
      settings.password = sql::Secret(Password(me.service));
      auto forged = sql::ApplyMigrations(settings, std::string(other.service) + ".events",
                                         {{1, "forged", "SELECT 1"}});
      EXPECT_FALSE(forged.ok()) << "recorded a migration of " << other.service;
    }
  }
}

TEST_F(MariaDbPrivileges, ServiceUsersCannotAdministrate) {
  const std::string probe = "privilege_probe_" + UniqueSuffix();
  for (const auto& me : kServices) {
    SCOPED_TRACE(me.service);
    auto db = Connect(me.service, Password(me.service));
    ASSERT_TRUE(db);
    const std::string own = me.table;
    const std::vector<std::string> statements{
        "GRANT SELECT ON my_db." + own + " TO 'payment'@'127.0.0.1'",
        "GRANT SELECT ON my_db.* TO '" + std::string(me.service) + "'@'127.0.0.1'",
        "DROP DATABASE my_db",
        "CREATE DATABASE " + probe,
        "CREATE USER '" + probe + "'@'127.0.0.1' IDENTIFIED BY 'x'",
        "ALTER USER '" + probe + "'@'127.0.0.1' ACCOUNT LOCK",
        "CREATE TABLE " + probe + " (id INT PRIMARY KEY)",
        "DROP TABLE IF EXISTS " + own,
        "TRUNCATE TABLE " + own,
        "SET GLOBAL max_connections = 1",
    };
    for (const std::string& sql : statements) {
      const unsigned int err = Exec(db.get(), sql);
      EXPECT_TRUE(Denied(err)) << sql << " -> " << err << " " << mysql_error(db.get());
    }
  }
}

// What the order service does at start, with its own user: its migrations (tables, indexes), then
// reads and writes of its own rows. Rolled back, so nothing is left behind.
TEST_F(MariaDbPrivileges, OrderUserRunsItsMigrationsAndUsesItsOwnTables) {
  sql::Settings settings = sql::testing::TestSettings(1);
  settings.user = "order";
  settings.password = sql::Secret(Password("order"));
  settings.database = EnvOr("EDA_MYSQL_DATABASE", "my_db");
  const events::Outbox outbox("order_outbox");
  const events::Inbox inbox("order_inbox");
  auto applied = order::ApplyOrderSchema(settings, outbox, inbox);
  ASSERT_TRUE(applied.ok()) << applied.error().message;

  auto db = Connect("order", Password("order"));
  ASSERT_TRUE(db);
  const std::string id = "priv-" + UniqueSuffix();
  EXPECT_EQ(Exec(db.get(), "START TRANSACTION"), 0u);
  EXPECT_EQ(Exec(db.get(), "INSERT INTO order_history (order_id, from_status, to_status, reason, at) VALUES ('" + id +
                              "', 'CREATED', 'CREATED', 'privilege test', UTC_TIMESTAMP(6))"),
            0u)
      << mysql_error(db.get());
  EXPECT_EQ(Exec(db.get(), "UPDATE order_history SET reason = 'x' WHERE order_id = '" + id + "'"), 0u);
  EXPECT_EQ(Exec(db.get(), "SELECT * FROM orders WHERE id = '" + id + "'"), 0u);
  EXPECT_EQ(Exec(db.get(), "DELETE FROM order_history WHERE order_id = '" + id + "'"), 0u);
  EXPECT_EQ(Exec(db.get(), "SELECT id FROM order_outbox_lock FOR UPDATE"), 0u) << mysql_error(db.get());
  EXPECT_EQ(Exec(db.get(), "ROLLBACK"), 0u);
  // Issue 11's example on its own: order can neither read payment's table nor write catalog's.
  EXPECT_EQ(Exec(db.get(), "SELECT payment_key, amount FROM payments"), 1142u);
  EXPECT_EQ(Exec(db.get(), "UPDATE seller_product SET stock_count = 1000000"), 1142u);
}

}  // namespace
}  // namespace eda::platform_test
