#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "loadgen/histogram.hpp"
#include "loadgen/http_session.hpp"

namespace eda::loadgen {

using Clock = std::chrono::steady_clock;

// "<status> <problem code>" for an HTTP error ("422 product_not_found"; the RFC 9457 `code` when the
// body has one), "transport <error>" for a failure without a response; "" for a 2xx/3xx.
std::string ErrorKey(const Reply& reply);

// Figures of one step (one HTTP call kind) or one flow (a user action, a saga leg).
struct StepStats {
  std::uint64_t ok = 0;
  std::map<std::string, std::uint64_t> errors;  // by ErrorKey
  Histogram latency_us;                          // successful calls only
  std::uint64_t ErrorCount() const noexcept;
};

// Collects everything a run measures. Times are steady-clock points; a call counts in the summary
// when it *started* inside the measured window [start + warmup, start + warmup + duration); every
// call (warm-up included) goes into the per-second series, which plots the whole run.
// Single-threaded: owned by the io_context thread.
class Recorder {
 public:
  Recorder(Clock::time_point start, std::chrono::seconds warmup, std::chrono::seconds duration);

  bool InWindow(Clock::time_point t) const noexcept { return t >= window_start_ && t < window_end_; }
  Clock::time_point WindowStart() const noexcept { return window_start_; }
  Clock::time_point WindowEnd() const noexcept { return window_end_; }

  // One HTTP call of `step`; the error key is derived from the reply (2xx/3xx = ok unless `ok` says
  // otherwise, e.g. a 200 with an unusable body).
  void Call(std::string_view step, Clock::time_point start, Clock::time_point end, const Reply& reply);
  void CallFailed(std::string_view step, Clock::time_point start, Clock::time_point end, std::string key);
  // One flow (user action end to end, e.g. "flow.buy"): latency when ok, else counted under `key`.
  void Flow(std::string_view flow, Clock::time_point start, Clock::time_point end, bool ok, std::string_view key = {});
  // A saga leg measured from server timestamps; `finished` is when the finish request started (to
  // decide whether the order belongs to the window), `at` when the leg was observed (series).
  void Saga(std::string_view leg, Clock::time_point finished, Clock::time_point at, std::chrono::microseconds latency);
  // A saga outcome that is not a latency: "saga.failed" (terminal failure), "saga.timeout".
  void SagaOutcome(std::string_view leg, Clock::time_point finished, std::string key);
  // A dropped arrival (open model overload).
  void Dropped(Clock::time_point at);

  // Summary, histograms and series as JSON (see the README for the layout).
  boost::json::object ToJson(double measured_seconds) const;
  const std::map<std::string, StepStats>& Steps() const noexcept { return steps_; }
  const std::map<std::string, StepStats>& Flows() const noexcept { return flows_; }
  std::uint64_t Dropped() const noexcept { return dropped_; }

 private:
  struct Second {
    std::uint64_t requests = 0;
    std::uint64_t errors = 0;
    std::uint64_t purchases = 0;
    std::uint64_t sagas_requested = 0;
    std::uint64_t sagas_delivered = 0;
    Histogram latency_us;      // every successful call
    Histogram buy_latency_us;  // flow.buy
  };
  Second& At(Clock::time_point t);

  Clock::time_point start_;
  Clock::time_point window_start_;
  Clock::time_point window_end_;
  std::map<std::string, StepStats> steps_;
  std::map<std::string, StepStats> flows_;
  std::vector<Second> seconds_;
  std::uint64_t dropped_ = 0;
};

// p50/p90/p99/p99.9/max/mean in milliseconds plus count, for JSON.
boost::json::object LatencyJson(const Histogram& h);

}  // namespace eda::loadgen
