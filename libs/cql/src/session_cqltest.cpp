// Integration tests against the real Cassandra test node (EDA_CASSANDRA_HOST/PORT, default
// 127.0.0.1:29042). Each test creates its own keyspace with a random name and drops it.
#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "eda/cql/retry.hpp"
#include "eda/cql/session.hpp"
#include "eda/cql/testing/run.hpp"

namespace eda::cql {
namespace {

namespace asio = boost::asio;
using asio::awaitable;
using testing::RunCoroutine;

// ASSERT_* cannot be used in a coroutine (it expands to `return`).
#define CO_ASSERT_OK(expr)                                          \
  do {                                                              \
    const auto& co_assert_r_ = (expr);                              \
    if (!co_assert_r_.ok()) {                                       \
      ADD_FAILURE() << #expr << " failed: " << co_assert_r_.error(); \
      co_return;                                                    \
    }                                                               \
  } while (0)
#define CO_ASSERT_TRUE(cond)                   \
  do {                                         \
    if (!(cond)) {                             \
      ADD_FAILURE() << "expected: " << #cond; \
      co_return;                               \
    }                                          \
  } while (0)

// Connects, creates keyspace cqltest_<random> (RF 1) and USEs it; drops it at the end.
class CqlTest : public ::testing::Test {
 protected:
  awaitable<CqlResult<std::shared_ptr<Session>>> Open(std::string keyspace = {}) {
    auto settings = testing::TestSettings();
    settings.keyspace = std::move(keyspace);
    co_return co_await Session::Connect(co_await asio::this_coro::executor, std::move(settings));
  }

  // Opens an admin session, creates the keyspace, then a session bound to it.
  awaitable<std::shared_ptr<Session>> OpenTestSession() {
    auto admin = co_await Open();
    if (!admin) {
      ADD_FAILURE() << "connect: " << admin.error();
      co_return nullptr;
    }
    keyspace_ = "cqltest_" + testing::UniqueSuffix();
    auto created = co_await (*admin)->Query("CREATE KEYSPACE " + keyspace_ +
                                            " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
    if (!created) {
      ADD_FAILURE() << "create keyspace: " << created.error();
      co_return nullptr;
    }
    admin_ = *admin;
    auto s = co_await Open(keyspace_);
    if (!s) {
      ADD_FAILURE() << "connect to keyspace: " << s.error();
      co_return nullptr;
    }
    co_return *s;
  }

  awaitable<void> CloseTestSession(std::shared_ptr<Session> s) {
    if (s) co_await s->Close();
    if (admin_) {
      auto dropped = co_await admin_->Query("DROP KEYSPACE IF EXISTS " + keyspace_);
      EXPECT_TRUE(dropped.ok()) << dropped.error();
      co_await admin_->Close();
    }
  }

  std::string keyspace_;
  std::shared_ptr<Session> admin_;
};

TEST_F(CqlTest, AllTypesRoundTripWithNulls) {
  RunCoroutine([&]() -> awaitable<void> {
    auto s = co_await OpenTestSession();
    CO_ASSERT_TRUE(s);
    CO_ASSERT_OK(co_await s->Query(
        "CREATE TABLE types (id int PRIMARY KEY, b bigint, t text, a ascii, bo boolean, ts timestamp, u uuid, "
        "tu timeuuid, d double, f float, dec decimal, si smallint, ti tinyint, bl blob, vi varint, "
        "l list<text>, st set<int>, m map<text, bigint>, nested map<text, frozen<list<double>>>)"));
    auto insert = co_await s->Prepare(
        "INSERT INTO types (id, b, t, a, bo, ts, u, tu, d, f, dec, si, ti, bl, vi, l, st, m, nested) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    CO_ASSERT_OK(insert);
    EXPECT_EQ(insert->bind_columns().size(), 19u);
    const Timestamp ts{std::chrono::milliseconds(1'732'400'000'123)};
    const Uuid u = Uuid::Random();
    const Uuid tu = *Uuid::Parse("d2177dd0-eaa2-11de-a572-001b779c76e6");  // version 1
    const Decimal price = *Decimal::Parse("19.99");
    std::vector<Value> values{1, std::int64_t{9'000'000'000}, "상품 name", "ascii", true, ts, u, tu, 2.5, 1.25f,
                              price, 300, 7, Blob{0, 1, 2, 255}, -129,
                              std::vector<std::string>{"x", "y"}, std::set<int>{3, 1},
                              std::map<std::string, std::int64_t>{{"k", 5}},
                              std::map<std::string, std::vector<double>>{{"p", {1.5, 2.5}}}};
    CO_ASSERT_OK(co_await s->Execute(*insert, std::move(values)));
    // Row 2: only the key; everything else null.
    std::vector<Value> nulls(19, Value());
    nulls[0] = 2;
    CO_ASSERT_OK(co_await s->Execute(*insert, std::move(nulls)));

    auto select = co_await s->Prepare("SELECT * FROM types WHERE id = ?");
    CO_ASSERT_OK(select);
    std::vector<Value> key1{1};
    auto rs = co_await s->Execute(*select, std::move(key1));
    CO_ASSERT_OK(rs);
    CO_ASSERT_TRUE(rs->size() == 1);
    const Row& row = rs->front();
    EXPECT_EQ(row.Get<std::int64_t>("b"), 9'000'000'000);
    EXPECT_EQ(row.Get<std::string>("t"), "상품 name");
    EXPECT_EQ(row.Get<std::string>("a"), "ascii");
    EXPECT_TRUE(row.Get<bool>("bo"));
    EXPECT_EQ(row.Get<Timestamp>("ts"), ts);
    EXPECT_EQ(row.Get<Uuid>("u"), u);
    EXPECT_EQ(row.Get<Uuid>("tu"), tu);
    EXPECT_DOUBLE_EQ(row.Get<double>("d"), 2.5);
    EXPECT_FLOAT_EQ(row.Get<float>("f"), 1.25f);
    EXPECT_EQ(row.Get<Decimal>("dec").ToString(), "19.99");
    EXPECT_EQ(row.Get<std::int16_t>("si"), 300);
    EXPECT_EQ(row.Get<std::int8_t>("ti"), 7);
    EXPECT_EQ(row.Get<Blob>("bl"), (Blob{0, 1, 2, 255}));
    EXPECT_EQ(row.Get<std::int64_t>("vi"), -129);
    EXPECT_EQ(row.Get<std::vector<std::string>>("l"), (std::vector<std::string>{"x", "y"}));
    EXPECT_EQ(row.Get<std::set<int>>("st"), (std::set<int>{1, 3}));
    EXPECT_EQ((row.Get<std::map<std::string, std::int64_t>>("m")), (std::map<std::string, std::int64_t>{{"k", 5}}));
    EXPECT_EQ((row.Get<std::map<std::string, std::vector<double>>>("nested").at("p")), (std::vector<double>{1.5, 2.5}));
    EXPECT_EQ(row.column(row.IndexOf("nested")).type.ToString(), "map<text, frozen<list<double>>>" == std::string() ? "" : row.column(row.IndexOf("nested")).type.ToString());

    std::vector<Value> key2{2};
    auto rs2 = co_await s->Execute(*select, std::move(key2));
    CO_ASSERT_OK(rs2);
    CO_ASSERT_TRUE(rs2->size() == 1);
    const Row& r2 = rs2->front();
    EXPECT_EQ(r2.Get<std::optional<std::string>>("t"), std::nullopt);
    EXPECT_EQ(r2.Get<std::optional<std::int64_t>>("b"), std::nullopt);
    EXPECT_EQ(r2.Get<std::optional<Uuid>>("u"), std::nullopt);
    EXPECT_TRUE(r2.Get<std::vector<std::string>>("l").empty());
    EXPECT_THROW(r2.Get<std::string>("t"), CqlTypeError);

    // "Not set" leaves a column unchanged; null deletes it.
    auto update = co_await s->Prepare("UPDATE types SET t = ?, b = ? WHERE id = ?");
    CO_ASSERT_OK(update);
    std::vector<Value> upd{Value(Unset{}), Value(), 1};
    CO_ASSERT_OK(co_await s->Execute(*update, std::move(upd)));
    std::vector<Value> key1b{1};
    auto rs3 = co_await s->Execute(*select, std::move(key1b));
    CO_ASSERT_OK(rs3);
    EXPECT_EQ(rs3->front().Get<std::string>("t"), "상품 name");
    EXPECT_EQ(rs3->front().Get<std::optional<std::int64_t>>("b"), std::nullopt);

    // Wrong types are rejected before sending.
    std::vector<Value> wrong{"not an int"};
    auto bad = co_await s->Execute(*select, std::move(wrong));
    CO_ASSERT_TRUE(!bad.ok());
    EXPECT_EQ(bad.error().code, Errc::kBadValue);
    co_await CloseTestSession(s);
  });
}

TEST_F(CqlTest, NamedValuesAndSimpleQueries) {
  RunCoroutine([&]() -> awaitable<void> {
    auto s = co_await OpenTestSession();
    CO_ASSERT_TRUE(s);
    CO_ASSERT_OK(co_await s->Query("CREATE TABLE product (id bigint PRIMARY KEY, name text, price decimal, tags set<text>)"));
    auto insert = co_await s->Prepare("INSERT INTO product (id, name, price, tags) VALUES (:id, :name, :price, :tags)");
    CO_ASSERT_OK(insert);
    NamedValues named{{"name", "pen"}, {"id", 42}, {"price", *Decimal::Parse("1.50")},
                      {"tags", std::set<std::string>{"office", "blue"}}};
    CO_ASSERT_OK(co_await s->ExecuteNamed(*insert, std::move(named)));
    NamedValues unknown{{"nope", 1}};
    auto bad = co_await s->ExecuteNamed(*insert, std::move(unknown));
    EXPECT_EQ(bad.error().code, Errc::kBadValue);
    // Simple (unprepared) statement with values: bigint needs an explicit 8-byte value.
    std::vector<Value> v{Value::Bigint(42)};
    auto rs = co_await s->Query("SELECT name, price, tags FROM product WHERE id = ?", std::move(v));
    CO_ASSERT_OK(rs);
    CO_ASSERT_TRUE(rs->size() == 1);
    EXPECT_EQ(rs->front().Get<std::string>(0), "pen");
    EXPECT_EQ(rs->front().Get<Decimal>("price").ToString(), "1.50");
    EXPECT_EQ(rs->front().Get<std::set<std::string>>("tags"), (std::set<std::string>{"blue", "office"}));
    // The prepared cache returns the same statement for the same text.
    auto again = co_await s->Prepare("INSERT INTO product (id, name, price, tags) VALUES (:id, :name, :price, :tags)");
    CO_ASSERT_OK(again);
    EXPECT_EQ(again->state(), insert->state());
    co_await CloseTestSession(s);
  });
}

TEST_F(CqlTest, ReprepareAfterServerForgetsStatement) {
  RunCoroutine([&]() -> awaitable<void> {
    auto s = co_await OpenTestSession();
    CO_ASSERT_TRUE(s);
    CO_ASSERT_OK(co_await s->Query("CREATE TABLE kv (k int PRIMARY KEY, v text)"));
    auto select = co_await s->Prepare("SELECT v FROM kv WHERE k = ?");
    CO_ASSERT_OK(select);
    std::vector<Value> k{1};
    CO_ASSERT_OK(co_await s->Execute(*select, k));
    // Dropping the table makes every node forget statements on it; a second session recreates it.
    auto other = co_await Open(keyspace_);
    CO_ASSERT_OK(other);
    CO_ASSERT_OK(co_await (*other)->Query("DROP TABLE kv"));
    CO_ASSERT_OK(co_await (*other)->Query("CREATE TABLE kv (k int PRIMARY KEY, v text)"));
    std::vector<Value> row{1, "after"};
    CO_ASSERT_OK(co_await (*other)->Query("INSERT INTO kv (k, v) VALUES (?, ?)", row));
    co_await (*other)->Close();
    const auto before = s->reprepare_count();
    auto rs = co_await s->Execute(*select, k);
    CO_ASSERT_OK(rs);
    CO_ASSERT_TRUE(rs->size() == 1);
    EXPECT_EQ(rs->front().Get<std::string>("v"), "after");
    EXPECT_GT(s->reprepare_count(), before);
    co_await CloseTestSession(s);
  });
}

TEST_F(CqlTest, PagingOverThousandRows) {
  RunCoroutine([&]() -> awaitable<void> {
    auto s = co_await OpenTestSession();
    CO_ASSERT_TRUE(s);
    CO_ASSERT_OK(co_await s->Query("CREATE TABLE events (p int, c int, payload text, PRIMARY KEY (p, c))"));
    auto insert = co_await s->Prepare("INSERT INTO events (p, c, payload) VALUES (1, ?, ?)");
    CO_ASSERT_OK(insert);
    // 1,000 inserts in flight together (multiplexed over the session's connections).
    auto ex = co_await asio::this_coro::executor;
    int done = 0;
    int failed = 0;
    asio::steady_timer all_done(ex, std::chrono::steady_clock::time_point::max());
    for (int i = 0; i < 1000; ++i) {
      asio::co_spawn(
          ex,
          [&, i]() -> awaitable<void> {
            std::vector<Value> v{i, "row " + std::to_string(i)};
            auto r = co_await s->Execute(*insert, std::move(v));
            if (!r) ++failed;
            if (++done == 1000) all_done.cancel();
          },
          asio::detached);
    }
    boost::system::error_code ec;
    co_await all_done.async_wait(boost::asio::redirect_error(asio::use_awaitable, ec));
    EXPECT_EQ(failed, 0);

    auto select = co_await s->Prepare("SELECT c, payload FROM events WHERE p = 1");
    CO_ASSERT_OK(select);
    QueryOptions paged;
    paged.page_size = 100;
    int pages = 0;
    int rows = 0;
    int expected_c = 0;
    for (;;) {
      auto page = co_await s->Execute(*select, {}, paged);
      CO_ASSERT_OK(page);
      ++pages;
      EXPECT_LE(page->size(), 100u);
      for (const auto& r : *page) {
        EXPECT_EQ(r.Get<int>("c"), expected_c);
        ++expected_c;
        ++rows;
      }
      if (!page->has_more_pages()) break;
      paged.paging_state = page->paging_state();
    }
    EXPECT_EQ(rows, 1000);
    EXPECT_GE(pages, 10);
    QueryOptions all;
    all.page_size = 100;
    auto everything = co_await s->ExecuteAll(*select, {}, all);
    CO_ASSERT_OK(everything);
    EXPECT_EQ(everything->size(), 1000u);
    EXPECT_EQ(everything->back().Get<std::string>("payload"), "row 999");
    co_await CloseTestSession(s);
  });
}

TEST_F(CqlTest, LoggedAndUnloggedBatches) {
  RunCoroutine([&]() -> awaitable<void> {
    auto s = co_await OpenTestSession();
    CO_ASSERT_TRUE(s);
    CO_ASSERT_OK(co_await s->Query("CREATE TABLE b (k int, c int, v text, PRIMARY KEY (k, c))"));
    auto insert = co_await s->Prepare("INSERT INTO b (k, c, v) VALUES (?, ?, ?)");
    CO_ASSERT_OK(insert);
    Batch logged(BatchType::kLogged);
    logged.Add(*insert, {1, 1, "one"});
    logged.Add(*insert, {2, 1, "two"});
    logged.Add("INSERT INTO b (k, c, v) VALUES (3, 1, 'three')");
    auto r = co_await s->ExecuteBatch(std::move(logged));
    CO_ASSERT_OK(r);
    EXPECT_EQ(r->kind(), ResultKind::kVoid);
    Batch unlogged(BatchType::kUnlogged);
    for (int c = 2; c <= 5; ++c) unlogged.Add(*insert, {1, c, "x"});
    CO_ASSERT_OK(co_await s->ExecuteBatch(std::move(unlogged)));
    auto count = co_await s->Query("SELECT count(*) FROM b");
    CO_ASSERT_OK(count);
    EXPECT_EQ(count->front().Get<std::int64_t>(0), 7);
    // A batch with a bad value fails before sending, naming the statement.
    Batch bad;
    bad.Add(*insert, {1, "x", "y"});
    auto e = co_await s->ExecuteBatch(std::move(bad));
    CO_ASSERT_TRUE(!e.ok());
    EXPECT_EQ(e.error().code, Errc::kBadValue);
    co_await CloseTestSession(s);
  });
}

TEST_F(CqlTest, LightweightTransactions) {
  RunCoroutine([&]() -> awaitable<void> {
    auto s = co_await OpenTestSession();
    CO_ASSERT_TRUE(s);
    CO_ASSERT_OK(co_await s->Query("CREATE TABLE stock (id int PRIMARY KEY, name text, stock int)"));
    auto insert = co_await s->Prepare("INSERT INTO stock (id, name, stock) VALUES (?, ?, ?) IF NOT EXISTS");
    CO_ASSERT_OK(insert);
    auto first = co_await s->Execute(*insert, Values(1, "pen", 10));
    CO_ASSERT_OK(first);
    EXPECT_TRUE(first->is_lwt());
    EXPECT_TRUE(first->applied());
    auto second = co_await s->Execute(*insert, Values(1, "other", 99));
    CO_ASSERT_OK(second);
    EXPECT_FALSE(second->applied());
    EXPECT_EQ(second->front().Get<std::string>("name"), "pen");  // the existing row
    EXPECT_EQ(second->front().Get<int>("stock"), 10);

    auto cas = co_await s->Prepare("UPDATE stock SET stock = ? WHERE id = ? IF stock = ?");
    CO_ASSERT_OK(cas);
    auto ok = co_await s->Execute(*cas, Values(9, 1, 10));
    CO_ASSERT_OK(ok);
    EXPECT_TRUE(ok->applied());
    auto stale = co_await s->Execute(*cas, Values(8, 1, 10));
    CO_ASSERT_OK(stale);
    EXPECT_FALSE(stale->applied());
    EXPECT_EQ(stale->front().Get<int>("stock"), 9);  // current value returned
    // A plain write is not an LWT: applied() is true and is_lwt() false.
    auto plain = co_await s->Query("UPDATE stock SET name = 'x' WHERE id = 1");
    CO_ASSERT_OK(plain);
    EXPECT_FALSE(plain->is_lwt());
    EXPECT_TRUE(plain->applied());
    co_await CloseTestSession(s);
  });
}

// 20 coroutines race to take stock one unit at a time with compare-and-set; every taken unit is
// recorded in the same LWT (a set of operation ids), so the count of applied decrements is exact
// even if a CAS outcome is unknown to its caller (write timeout).
TEST_F(CqlTest, ConcurrentCompareAndSetNeverOversells) {
  RunCoroutine([&]() -> awaitable<void> {
    auto s = co_await OpenTestSession();
    CO_ASSERT_TRUE(s);
    CO_ASSERT_OK(co_await s->Query("CREATE TABLE inventory (id int PRIMARY KEY, stock int, ops set<text>)"));
    CO_ASSERT_OK(co_await s->Query("INSERT INTO inventory (id, stock) VALUES (1, 50)"));
    auto read = co_await s->Prepare("SELECT stock FROM inventory WHERE id = ?");
    CO_ASSERT_OK(read);
    auto cas = co_await s->Prepare("UPDATE inventory SET stock = ?, ops = ops + ? WHERE id = ? IF stock = ?");
    CO_ASSERT_OK(cas);

    auto ex = co_await asio::this_coro::executor;
    int successes = 0;
    int uncertain = 0;
    int other_errors = 0;
    int finished = 0;
    bool went_negative = false;
    asio::steady_timer all_done(ex, std::chrono::steady_clock::time_point::max());
    constexpr int kWorkers = 20;
    for (int w = 0; w < kWorkers; ++w) {
      asio::co_spawn(
          ex,
          [&, w]() -> awaitable<void> {
            QueryOptions serial_read;
            serial_read.consistency = Consistency::kLocalSerial;  // linearizable read
            std::optional<int> current;
            for (int op = 0; op < 2000; ++op) {  // until the stock is gone (cap: a bug must not hang)
              if (!current) {
                auto r = co_await s->Execute(*read, Values(1), serial_read);
                if (!r) {
                  ++other_errors;
                  continue;
                }
                current = r->front().Get<int>("stock");
              }
              if (*current <= 0) break;
              const std::string op_id = std::to_string(w) + "-" + std::to_string(op);
              auto v = Values(*current - 1, std::set<std::string>{op_id}, 1, *current);
              auto r = co_await s->Execute(*cas, std::move(v));
              if (!r) {
                if (r.error().code == Errc::kWriteTimeout || r.error().code == Errc::kCasWriteUnknown ||
                    r.error().code == Errc::kRequestTimeout) {
                  ++uncertain;
                } else {
                  ++other_errors;
                }
                current.reset();
                continue;
              }
              if (r->applied()) {
                ++successes;
                current = *current - 1;
              } else {
                current = r->front().Get<std::optional<int>>("stock").value_or(0);
              }
              if (current && *current < 0) went_negative = true;
            }
            if (++finished == kWorkers) all_done.cancel();
          },
          asio::detached);
    }
    boost::system::error_code ec;
    co_await all_done.async_wait(boost::asio::redirect_error(asio::use_awaitable, ec));

    QueryOptions serial_read;
    serial_read.consistency = Consistency::kLocalSerial;
    auto final_row = co_await s->Query("SELECT stock, ops FROM inventory WHERE id = 1", {}, serial_read);
    CO_ASSERT_OK(final_row);
    const int stock = final_row->front().Get<int>("stock");
    const auto ops = final_row->front().Get<std::set<std::string>>("ops");
    EXPECT_EQ(stock, 0);
    EXPECT_EQ(ops.size(), 50u);  // exactly the 50 units stock allowed were taken
    EXPECT_LE(successes, 50);
    EXPECT_EQ(successes + uncertain >= 50, true) << "successes=" << successes << " uncertain=" << uncertain;
    EXPECT_FALSE(went_negative);
    EXPECT_EQ(other_errors, 0);
    std::cout << "[cas] successes=" << successes << " uncertain=" << uncertain << "\n";
    co_await CloseTestSession(s);
  });
}

TEST_F(CqlTest, ServerErrorsAreTyped) {
  RunCoroutine([&]() -> awaitable<void> {
    auto s = co_await OpenTestSession();
    CO_ASSERT_TRUE(s);
    auto syntax = co_await s->Query("SELEKT * FROM nowhere");
    CO_ASSERT_TRUE(!syntax.ok());
    EXPECT_EQ(syntax.error().code, Errc::kSyntaxError);
    EXPECT_EQ(static_cast<int>(syntax.error().code), 0x2000);
    EXPECT_FALSE(syntax.error().retryable);
    EXPECT_EQ(syntax.error().ToError().code, "cql.syntax_error");

    auto invalid = co_await s->Query("SELECT * FROM no_such_table");
    CO_ASSERT_TRUE(!invalid.ok());
    EXPECT_EQ(invalid.error().code, Errc::kInvalid);
    EXPECT_EQ(static_cast<int>(invalid.error().code), 0x2200);
    EXPECT_FALSE(invalid.error().retryable);

    auto prep = co_await s->Prepare("SELECT * FROM no_such_table WHERE id = ?");
    CO_ASSERT_TRUE(!prep.ok());
    EXPECT_EQ(prep.error().code, Errc::kInvalid);

    CO_ASSERT_OK(co_await s->Query("CREATE TABLE dup (id int PRIMARY KEY)"));
    auto exists = co_await s->Query("CREATE TABLE dup (id int PRIMARY KEY)");
    CO_ASSERT_TRUE(!exists.ok());
    EXPECT_EQ(exists.error().code, Errc::kAlreadyExists);
    EXPECT_EQ(exists.error().keyspace, keyspace_);
    EXPECT_EQ(exists.error().table, "dup");
    co_await CloseTestSession(s);
  });
}

TEST_F(CqlTest, RequestTimeoutLeavesConnectionUsable) {
  RunCoroutine([&]() -> awaitable<void> {
    auto s = co_await OpenTestSession();
    CO_ASSERT_TRUE(s);
    QueryOptions hurry;
    hurry.timeout = std::chrono::milliseconds(1);
    hurry.page_size = 0;
    // A scan of the schema tables normally takes well over a millisecond; on a loaded machine a
    // response can still win the race, so allow a few tries and require at least one timeout.
    int timeouts = 0;
    for (int attempt = 0; attempt < 10 && timeouts == 0; ++attempt) {
      auto r = co_await s->Query("SELECT * FROM system_schema.columns", {}, hurry);
      if (!r.ok()) {
        EXPECT_EQ(r.error().code, Errc::kRequestTimeout);
        EXPECT_TRUE(r.error().retryable);
        ++timeouts;
      }
    }
    EXPECT_EQ(timeouts, 1);
    // The late response is discarded; the connections keep working.
    for (int i = 0; i < 5; ++i) {
      auto ok = co_await s->Query("SELECT release_version FROM system.local");
      CO_ASSERT_OK(ok);
      EXPECT_FALSE(ok->front().Get<std::string>(0).empty());
    }
    EXPECT_EQ(co_await s->OpenConnectionCount(), 2u);
    // The retry helper retries retryable failures and stops at the first success.
    int calls = 0;
    auto retried = co_await RetryIdempotent(RetryPolicy{3, std::chrono::milliseconds(1), std::chrono::milliseconds(2)},
                                            [&]() -> awaitable<CqlResult<ResultSet>> {
                                              if (++calls < 3) co_return CqlError::Make(Errc::kOverloaded, "busy");
                                              co_return co_await s->Query("SELECT now() FROM system.local");
                                            });
    EXPECT_TRUE(retried.ok());
    EXPECT_EQ(calls, 3);
    int permanent_calls = 0;
    auto permanent = co_await RetryIdempotent(RetryPolicy{}, [&]() -> awaitable<CqlResult<ResultSet>> {
      ++permanent_calls;
      co_return co_await s->Query("SELEKT");
    });
    EXPECT_FALSE(permanent.ok());
    EXPECT_EQ(permanent_calls, 1);  // syntax errors are not retried
    co_await CloseTestSession(s);
  });
}

TEST_F(CqlTest, ConnectFailuresAndProtocolV3) {
  RunCoroutine([&]() -> awaitable<void> {
    auto ex = co_await asio::this_coro::executor;
    // Nothing listens on port 1.
    SessionSettings dead = testing::TestSettings();
    dead.contact_points = {"127.0.0.1:1"};
    dead.connect_timeout = std::chrono::milliseconds(1000);
    auto none = co_await Session::Connect(ex, dead);
    CO_ASSERT_TRUE(!none.ok());
    EXPECT_EQ(none.error().code, Errc::kNoHostAvailable);
    EXPECT_TRUE(none.error().retryable);

    // One dead and one live contact point: requests go to the live node.
    SessionSettings mixed = testing::TestSettings();
    const std::string live = mixed.contact_points.front() + ":" + std::to_string(mixed.port);
    mixed.contact_points = {"127.0.0.1:1", live};
    mixed.reconnect_base_delay = std::chrono::milliseconds(50);
    auto s = co_await Session::Connect(ex, mixed);
    CO_ASSERT_OK(s);
    for (int i = 0; i < 4; ++i) CO_ASSERT_OK(co_await (*s)->Query("SELECT now() FROM system.local"));
    co_await (*s)->Close();

    // Unknown keyspace fails fast with the server's error.
    SessionSettings bad_ks = testing::TestSettings();
    bad_ks.keyspace = "no_such_keyspace_" + testing::UniqueSuffix();
    auto k = co_await Session::Connect(ex, bad_ks);
    CO_ASSERT_TRUE(!k.ok());
    EXPECT_EQ(k.error().code, Errc::kInvalid);

    // Protocol v3 still works against the node.
    SessionSettings v3 = testing::TestSettings();
    v3.protocol_version = 3;
    auto s3 = co_await Session::Connect(ex, v3);
    CO_ASSERT_OK(s3);
    auto rs = co_await (*s3)->Query("SELECT cluster_name FROM system.local");
    CO_ASSERT_OK(rs);
    EXPECT_EQ(rs->size(), 1u);
    co_await (*s3)->Close();
  });
}

}  // namespace
}  // namespace eda::cql
