// Least privilege in Cassandra (issue 11): ./eda (deploy/lib/cassandra.sh) turns on
// PasswordAuthenticator and CassandraAuthorizer, replaces cassandra/cassandra by its own superuser
// and gives the catalog service the role `catalog`, which applies its schema and uses its rows in
// its own keyspace and is refused everything else. Passwords in $EDA_STATE_DIR/secrets/.
// Needs the test stack (`./eda infra up --profile test` and its environment).

#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "catalog/store/schema.hpp"
#include "eda/cql/session.hpp"
#include "eda/cql/testing/run.hpp"
#include "platform_env.hpp"

namespace eda::platform_test {
namespace {

using cql::testing::RunCoroutine;

std::string Password(const std::string& name) {
  std::ifstream in(EnvOr("EDA_STATE_DIR", "") + "/secrets/cassandra-" + name + ".password");
  std::string pw;
  std::getline(in, pw);
  return pw;
}

cql::SessionSettings As(std::optional<cql::Credentials> credentials, const std::string& keyspace = "") {
  cql::SessionSettings s = cql::testing::TestSettings();
  s.credentials = std::move(credentials);
  s.keyspace = keyspace;
  s.connections_per_node = 1;
  s.reconnect_max_delay = std::chrono::milliseconds(1000);
  return s;
}
cql::Credentials Catalog() { return {"catalog", config::Secret(Password("catalog"))}; }

// Connects with `settings`, runs `body` on the session, closes it. A failed connect is returned.
template <class Body>
cql::CqlStatus WithSession(const cql::SessionSettings& settings, Body body) {
  cql::CqlStatus outcome;
  RunCoroutine([&]() -> boost::asio::awaitable<void> {
    auto session = co_await cql::Session::Connect(co_await boost::asio::this_coro::executor, settings);
    if (!session) {
      outcome = std::move(session).error();
      co_return;
    }
    co_await body(**session);
    co_await (*session)->Close();
  });
  return outcome;
}

const std::string kKeyspace = EnvOr("EDA_CATALOG_KEYSPACE", "catalog");

class CassandraRoles : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(EnvOr("EDA_STATE_DIR", "").empty())
        << "EDA_STATE_DIR is not set; run under ./eda test or after eval \"$(./eda infra env --profile test)\"";
  }
};

TEST_F(CassandraRoles, AnonymousAndWellKnownLoginsAreRefused) {
  auto anonymous = WithSession(As(std::nullopt), [](cql::Session&) -> boost::asio::awaitable<void> { co_return; });
  ASSERT_FALSE(anonymous.ok());
  EXPECT_EQ(anonymous.error().code, cql::Errc::kBadCredentials) << anonymous.error().message;

  auto well_known = WithSession(As(cql::Credentials{"cassandra", config::Secret("cassandra")}),
                                [](cql::Session&) -> boost::asio::awaitable<void> { co_return; });
  ASSERT_FALSE(well_known.ok()) << "the default superuser must be disabled";
  EXPECT_EQ(well_known.error().code, cql::Errc::kBadCredentials) << well_known.error().message;

  auto wrong = WithSession(As(cql::Credentials{"catalog", config::Secret("not-the-password")}),
                           [](cql::Session&) -> boost::asio::awaitable<void> { co_return; });
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().code, cql::Errc::kBadCredentials);
  EXPECT_EQ(wrong.error().message.find("not-the-password"), std::string::npos);
}

// What the catalog service does at start with its own role: its schema (tables IF NOT EXISTS, the
// keyspace ./eda made skipped), then reads and writes in its keyspace.
TEST_F(CassandraRoles, CatalogAppliesItsSchemaAndUsesItsKeyspace) {
  catalog::CassandraSchemaSettings schema;
  schema.keyspace = kKeyspace;
  auto connected = WithSession(As(Catalog()), [&](cql::Session& s) -> boost::asio::awaitable<void> {
    auto applied = co_await catalog::ApplyCassandraSchema(s, schema);
    EXPECT_TRUE(applied.ok()) << applied.error().message;
    const std::int64_t id = -424242;  // no real product has a negative id
    auto written = co_await s.Query("INSERT INTO " + kKeyspace + ".product_by_seller (seller_id, product_id) VALUES (?, ?)",
                                    cql::Values(cql::Value::Bigint(id), cql::Value::Bigint(id)));
    EXPECT_TRUE(written.ok()) << written.error().message;
    auto read = co_await s.Query("SELECT product_id FROM " + kKeyspace + ".product_by_seller WHERE seller_id = ?",
                                 cql::Values(cql::Value::Bigint(id)));
    EXPECT_TRUE(read.ok() && read->size() == 1) << (read.ok() ? "no row" : read.error().message);
    auto removed = co_await s.Query("DELETE FROM " + kKeyspace + ".product_by_seller WHERE seller_id = ?",
                                    cql::Values(cql::Value::Bigint(id)));
    EXPECT_TRUE(removed.ok()) << removed.error().message;
  });
  ASSERT_TRUE(connected.ok()) << connected.error().message;
}

TEST_F(CassandraRoles, CatalogIsRefusedEverythingOutsideItsKeyspace) {
  // Another keyspace with a table, made by the administrator (the profile's EDA_CASSANDRA_USER).
  const std::string other = "roles_probe_" + cql::testing::UniqueSuffix();
  auto made = WithSession(As(cql::testing::TestSettings().credentials), [&](cql::Session& s) -> boost::asio::awaitable<void> {
    auto k = co_await s.Query("CREATE KEYSPACE " + other +
                              " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
    EXPECT_TRUE(k.ok()) << k.error().message;
    auto t = co_await s.Query("CREATE TABLE " + other + ".secret (id int PRIMARY KEY, v text)");
    EXPECT_TRUE(t.ok()) << t.error().message;
  });
  ASSERT_TRUE(made.ok()) << made.error().message;

  const std::vector<std::string> statements{
      "SELECT * FROM " + other + ".secret",
      "INSERT INTO " + other + ".secret (id, v) VALUES (1, 'x')",
      "DROP TABLE " + other + ".secret",
      "CREATE TABLE " + other + ".mine (id int PRIMARY KEY)",
      "CREATE KEYSPACE roles_probe_new WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}",
      "DROP KEYSPACE " + kKeyspace,
      "ALTER KEYSPACE " + kKeyspace + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}",
      "SELECT salted_hash FROM system_auth.roles",
      "CREATE ROLE intruder WITH LOGIN = true AND PASSWORD = 'x'",
      "ALTER ROLE catalog WITH SUPERUSER = true",
      "GRANT SELECT ON KEYSPACE " + other + " TO catalog",
  };
  auto refused = WithSession(As(Catalog()), [&](cql::Session& s) -> boost::asio::awaitable<void> {
    for (const std::string& statement : statements) {
      auto r = co_await s.Query(statement);
      EXPECT_FALSE(r.ok()) << statement << " was allowed";
      if (!r.ok()) {
        EXPECT_EQ(r.error().code, cql::Errc::kUnauthorized) << statement << ": " << r.error().message;
      }
    }
  });
  ASSERT_TRUE(refused.ok()) << refused.error().message;

  (void)WithSession(As(cql::testing::TestSettings().credentials), [&](cql::Session& s) -> boost::asio::awaitable<void> {
    (void)co_await s.Query("DROP KEYSPACE IF EXISTS " + other);
  });
}

}  // namespace
}  // namespace eda::platform_test
