#include "eda/http/blocking_pool.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <thread>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

namespace eda::http {
namespace {

namespace asio = boost::asio;

TEST(BlockingPoolTest, RunsOffTheIoThreadAndResumesOnIt) {
  BlockingPool pool(2);
  asio::io_context ioc;
  std::thread::id io_thread, work_thread, resumed_thread;
  int result = 0;
  asio::co_spawn(
      ioc,
      [&]() -> asio::awaitable<void> {
        io_thread = std::this_thread::get_id();
        result = co_await pool.Run([&] {
          work_thread = std::this_thread::get_id();
          return 41 + 1;
        });
        resumed_thread = std::this_thread::get_id();
      },
      asio::detached);
  ioc.run();
  EXPECT_EQ(result, 42);
  EXPECT_NE(work_thread, io_thread);
  EXPECT_EQ(resumed_thread, io_thread);
}

TEST(BlockingPoolTest, PropagatesExceptionsAndSupportsVoid) {
  BlockingPool pool(1);
  asio::io_context ioc;
  bool caught = false, ran_void = false;
  asio::co_spawn(
      ioc,
      [&]() -> asio::awaitable<void> {
        co_await pool.Run([&] { ran_void = true; });
        try {
          co_await pool.Run([]() -> int { throw std::runtime_error("driver failed"); });
        } catch (const std::runtime_error& e) {
          caught = std::string(e.what()) == "driver failed";
        }
      },
      asio::detached);
  ioc.run();
  EXPECT_TRUE(ran_void);
  EXPECT_TRUE(caught);
}

TEST(BlockingPoolTest, MoveOnlyResult) {
  BlockingPool pool(1);
  asio::io_context ioc;
  std::unique_ptr<int> out;
  asio::co_spawn(
      ioc, [&]() -> asio::awaitable<void> { out = co_await pool.Run([] { return std::make_unique<int>(7); }); },
      asio::detached);
  ioc.run();
  ASSERT_TRUE(out);
  EXPECT_EQ(*out, 7);
}

}  // namespace
}  // namespace eda::http
