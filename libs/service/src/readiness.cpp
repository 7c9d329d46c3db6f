#include "eda/service/readiness.hpp"

#include <chrono>

#include "eda/events/producer.hpp"

namespace eda::service {

// The lambdas below stay trivially destructible and are named before co_await (GCC 12 mis-destroys
// temporaries with non-trivial destructors inside a co_await expression).

void AddMariaDbReadiness(http::Server& server, sql::Pool& pool) {
  server.AddReadinessCheck("mariadb", [&pool]() -> boost::asio::awaitable<Status> {
    const auto ping = [&pool] { return pool.Ping(); };
    co_return co_await pool.Offload(ping);
  });
}

void AddRedisReadiness(http::Server& server, redis::Pool& pool) {
  server.AddReadinessCheck("redis", [&pool]() -> boost::asio::awaitable<Status> {
    const auto ping = [&pool] { return pool.Ping(); };
    co_return co_await pool.Offload(ping);
  });
}

void AddKafkaReadiness(http::Server& server, http::BlockingPool& blocking, const events::Producer& producer) {
  server.AddReadinessCheck("kafka", [&blocking, &producer]() -> boost::asio::awaitable<Status> {
    const auto probe = [&producer] { return producer.Ping(std::chrono::seconds(2)); };
    co_return co_await blocking.Run(probe);
  });
}

}  // namespace eda::service
