#pragma once

#include <cstdlib>
#include <exception>
#include <optional>
#include <random>
#include <string>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include "eda/cql/session_settings.hpp"

namespace eda::cql::testing {

// Runs `make()` (a callable returning awaitable<void>) to completion on a fresh single-threaded
// io_context; rethrows an exception that escapes the coroutine. For tests and tools.
template <class F>
void RunCoroutine(F make) {
  boost::asio::io_context io;
  std::exception_ptr failure;
  boost::asio::co_spawn(io, make(), [&](std::exception_ptr e) { failure = e; });
  io.run();
  if (failure) std::rethrow_exception(failure);
}

// Settings for the Cassandra test node: EDA_CASSANDRA_HOST / EDA_CASSANDRA_PORT, defaulting to the
// test profile (127.0.0.1:29042). Aborts the test binary on an invalid port value.
inline SessionSettings TestSettings() {
  auto s = SessionSettings::FromEnv(29042);
  if (!s) std::abort();
  return std::move(s).value();
}

// A random lowercase suffix for keyspace/table names, so parallel runs do not collide.
inline std::string UniqueSuffix() {
  static constexpr char kChars[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  thread_local std::mt19937 rng{std::random_device{}()};
  std::string s;
  for (int i = 0; i < 10; ++i) s.push_back(kChars[rng() % 36]);
  return s;
}

}  // namespace eda::cql::testing
