#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/json/object.hpp>

#include "eda/httpclient/client.hpp"
#include "toss-sandbox/domain/payment.hpp"

namespace eda::toss_sandbox {

// One delivery attempt, kept for GET /sandbox/webhooks.
struct WebhookAttempt {
  std::string transmission_id;  // same for every retry of one event
  std::string payment_key;
  std::string status;           // the payment status the event carries
  int retried_count = 0;        // 0 for the first send
  int http_status = 0;          // 0 when no answer (error_code says why)
  std::string error_code;
  TimePoint at;
};

// Sends PAYMENT_STATUS_CHANGED webhooks (reference §7) with libs/httpclient: POST to the configured
// URL with the transmission headers; success is HTTP 200 only; otherwise up to 7 retries after
// 1, 4, 16, 64, 256, 1024, 4096 minutes, each multiplied by `time_scale`. Events are independent
// (a slow receiver does not hold the others back).
//
// Runs on `executor` (a background io_context owned by the caller, which must outlive every
// delivery or stop before the dispatcher is destroyed). Enqueue and the accessors are thread-safe.
class WebhookDispatcher {
 public:
  struct Settings {
    std::string url;  // empty: off
    double time_scale = 1.0;
    std::chrono::milliseconds attempt_timeout{std::chrono::seconds(10)};
  };

  // The documented retry intervals, unscaled.
  static const std::vector<std::chrono::minutes>& RetrySchedule();

  static Result<std::unique_ptr<WebhookDispatcher>> Create(boost::asio::any_io_executor executor, Settings settings);

  // Schedules delivery of `payment`'s current state (no-op when the URL is empty).
  void Enqueue(const Payment& payment);

  std::vector<WebhookAttempt> Attempts() const;
  void ClearAttempts();
  std::string url() const;
  void SetUrl(std::string url);
  double time_scale() const;
  void SetTimeScale(double scale);

  struct State;  // shared with in-flight deliveries (implementation detail)

 private:
  explicit WebhookDispatcher(std::shared_ptr<State> state);
  std::shared_ptr<State> state_;
};

}  // namespace eda::toss_sandbox
