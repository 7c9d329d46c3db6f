#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/json/value.hpp>

#include "eda/e2e/http_result.hpp"

namespace eda::e2e {

// A blocking HTTP/1.1 client for tests, on top of eda::httpclient::Client::SendBlocking: it owns an
// io_context and one thread that runs it. Redirects are never followed (a 303 comes back as is).
// GET requests are retried by the underlying client on connect/IO errors; other methods are sent once.
// Never throws for transport errors: they come back as HttpResult with status 0 and `error` set.
// Thread safety: every method may be called concurrently from any thread.
class BlockingHttp {
 public:
  using Headers = std::vector<std::pair<std::string, std::string>>;

  // `timeout`: deadline of one call (connect, write, read and retries).
  explicit BlockingHttp(std::chrono::milliseconds timeout = std::chrono::seconds(15));
  ~BlockingHttp();
  BlockingHttp(const BlockingHttp&) = delete;
  BlockingHttp& operator=(const BlockingHttp&) = delete;

  // `bearer`: an access token sent as "Authorization: Bearer <token>" when not empty.
  HttpResult Get(std::string url, std::string_view bearer = {}) const;
  HttpResult PostJson(std::string url, const boost::json::value& body, std::string_view bearer = {}) const;
  // Any method ("GET", "POST", "PUT", "PATCH", "DELETE"), raw body (Content-Type given in `headers`).
  HttpResult Send(std::string_view method, std::string url, std::string body, std::string_view bearer = {},
                  Headers headers = {}) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace eda::e2e
