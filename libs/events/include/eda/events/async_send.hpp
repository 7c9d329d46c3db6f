#pragma once

#include <memory>
#include <optional>
#include <utility>

#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/execution/outstanding_work.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/prefer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "eda/events/producer.hpp"

namespace eda::events {

// Awaitable Producer::Send: suspends the coroutine until the broker acknowledged (or refused) the
// record, then resumes it on its own executor (never on the producer's poll thread).
//   auto d = co_await AsyncSend(producer, std::move(message));  if (!d) return d.error();
// The producer must outlive the await.
inline boost::asio::awaitable<Result<Delivery>> AsyncSend(Producer& producer, OutgoingMessage message) {
  auto initiate = [&producer, message = std::move(message)](auto handler) mutable {
    auto ex = boost::asio::get_associated_executor(handler);
    auto work = boost::asio::prefer(ex, boost::asio::execution::outstanding_work.tracked);
    // DeliveryCallback is a std::function (copyable); the asio handler is move-only, so share it.
    using H = decltype(handler);
    auto shared = std::make_shared<std::optional<H>>(std::move(handler));
    producer.Send(std::move(message), [shared, work = std::move(work)](Result<Delivery> r) mutable {
      boost::asio::post(work, [shared, r = std::move(r)]() mutable { std::move(**shared)(std::optional<Result<Delivery>>(std::move(r))); });
    });
  };
  std::optional<Result<Delivery>> r =
      co_await boost::asio::async_initiate<const boost::asio::use_awaitable_t<>&, void(std::optional<Result<Delivery>>)>(
          std::move(initiate), boost::asio::use_awaitable);
  co_return std::move(*r);
}

}  // namespace eda::events
