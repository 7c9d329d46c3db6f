#pragma once

#include <atomic>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "connections.hpp"
#include "eda/http/dispatcher.hpp"
#include "eda/http/server_settings.hpp"

namespace eda::http {

// One HTTP/1.1 connection: reads requests one after another (so pipelined requests are answered in
// order), each under the header/body deadlines and limits, hands them to the dispatcher and writes
// the response under the write deadline. Runs entirely on the socket's executor (a strand).
class Session {
 public:
  // All references must outlive the coroutine (the server guarantees it by joining its threads).
  Session(const ServerSettings& settings, const Dispatcher& dispatcher, Connections& connections,
          const std::atomic<bool>& stopping)
      : settings_(settings), dispatcher_(dispatcher), connections_(connections), stopping_(stopping) {}

  // Serves `socket` until the peer closes, an error or timeout occurs, keep-alive ends, or the server
  // stops. Never throws.
  boost::asio::awaitable<void> Run(boost::asio::ip::tcp::socket socket) const;

 private:
  const ServerSettings& settings_;
  const Dispatcher& dispatcher_;
  Connections& connections_;
  const std::atomic<bool>& stopping_;
};

}  // namespace eda::http
