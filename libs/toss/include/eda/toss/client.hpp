#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include "eda/httpclient/client.hpp"
#include "eda/toss/api.hpp"
#include "eda/toss/settings.hpp"

namespace eda::toss {

// The Toss Payments core API v1 client over libs/httpclient.
//
// - Basic auth with Settings::secret_key (the secret never reaches logs: httpclient redacts the
//   Authorization header); Idempotency-Key on every POST (the caller's); amounts sent as numbers.
// - One attempt per call at this level except that httpclient repeats connect failures and, for
//   requests carrying an Idempotency-Key, I/O failures (safe: Toss replays the first response).
// - Errors come back as TossError with an ErrorClass (see toss_error.hpp); a 2xx body that is not a
//   Payment is kOutcomeUnknown for POSTs (the call may have worked) and transient for lookups.
//
// The blocking methods (Api) run the request on `executor`; another thread must run its io_context,
// and they must not be called from that thread. The *Async methods are for coroutines.
// Thread-safe; cheap to share.
class Client final : public Api {
 public:
  // Observer of each finished call (for metrics): operation, HTTP status (0 = none), elapsed time.
  using CallObserver = std::function<void(Operation, int, std::chrono::microseconds)>;

  // Fails with http.config when the HTTP client cannot be set up, toss.config for a bad base URL.
  static Result<std::unique_ptr<Client>> Create(boost::asio::any_io_executor executor, Settings settings,
                                                httpclient::Settings http_settings = {});

  void SetObserver(CallObserver observer) { observer_ = std::move(observer); }

  TossResult<Payment> Confirm(const ConfirmRequest& request) override;
  TossResult<Payment> GetByPaymentKey(const std::string& payment_key) override;
  TossResult<Payment> GetByOrderId(const std::string& order_id) override;
  TossResult<Payment> Cancel(const CancelRequest& request) override;

  boost::asio::awaitable<TossResult<Payment>> ConfirmAsync(ConfirmRequest request) const;
  boost::asio::awaitable<TossResult<Payment>> GetByPaymentKeyAsync(std::string payment_key) const;
  boost::asio::awaitable<TossResult<Payment>> GetByOrderIdAsync(std::string order_id) const;
  boost::asio::awaitable<TossResult<Payment>> CancelAsync(CancelRequest request) const;

  const std::string& base_url() const noexcept { return settings_.base_url; }

 private:
  Client(httpclient::Client http, Settings settings);

  httpclient::Request BuildConfirm(const ConfirmRequest& request) const;
  httpclient::Request BuildLookup(std::string path) const;
  httpclient::Request BuildCancel(const CancelRequest& request) const;
  TossResult<Payment> Interpret(Operation op, const Result<httpclient::Response>& response,
                                std::chrono::steady_clock::time_point started) const;

  httpclient::Client http_;
  Settings settings_;
  std::string authorization_;
  CallObserver observer_;
};

}  // namespace eda::toss
