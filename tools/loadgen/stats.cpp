#include "loadgen/stats.hpp"

#include <cmath>

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>

namespace eda::loadgen {
namespace json = boost::json;

std::string ErrorKey(const Reply& reply) {
  if (reply.status == 0) return "transport " + (reply.error.empty() ? std::string("io") : reply.error);
  if (reply.status < 400) return {};
  std::string key = std::to_string(reply.status);
  boost::system::error_code ec;
  auto v = json::parse(reply.body, ec);
  if (!ec && v.is_object()) {
    if (auto* code = v.as_object().if_contains("code"); code && code->is_string()) {
      key += " ";
      key += code->as_string().c_str();
    }
  }
  return key;
}

std::uint64_t StepStats::ErrorCount() const noexcept {
  std::uint64_t n = 0;
  for (const auto& [k, v] : errors) n += v;
  return n;
}

Recorder::Recorder(Clock::time_point start, std::chrono::seconds warmup, std::chrono::seconds duration)
    : start_(start), window_start_(start + warmup), window_end_(start + warmup + duration) {}

Recorder::Second& Recorder::At(Clock::time_point t) {
  const auto idx = t <= start_ ? 0 : static_cast<std::size_t>(std::chrono::duration_cast<std::chrono::seconds>(t - start_).count());
  const std::size_t capped = std::min<std::size_t>(idx, 24 * 3600);
  if (seconds_.size() <= capped) seconds_.resize(capped + 1);
  return seconds_[capped];
}

namespace {
std::uint64_t Micros(Clock::duration d) {
  const auto us = std::chrono::duration_cast<std::chrono::microseconds>(d).count();
  return us < 0 ? 0 : static_cast<std::uint64_t>(us);
}
}  // namespace

void Recorder::Call(std::string_view step, Clock::time_point start, Clock::time_point end, const Reply& reply) {
  auto key = ErrorKey(reply);
  if (!key.empty()) {
    CallFailed(step, start, end, std::move(key));
    return;
  }
  auto& s = At(end);
  ++s.requests;
  s.latency_us.Record(Micros(end - start));
  if (!InWindow(start)) return;
  auto& st = steps_[std::string(step)];
  ++st.ok;
  st.latency_us.Record(Micros(end - start));
}

void Recorder::CallFailed(std::string_view step, Clock::time_point start, Clock::time_point end, std::string key) {
  auto& s = At(end);
  ++s.requests;
  ++s.errors;
  if (!InWindow(start)) return;
  ++steps_[std::string(step)].errors[std::move(key)];
}

void Recorder::Flow(std::string_view flow, Clock::time_point start, Clock::time_point end, bool ok, std::string_view key) {
  if (ok && flow == "flow.buy") {
    auto& s = At(end);
    ++s.purchases;
    s.buy_latency_us.Record(Micros(end - start));
  }
  if (!InWindow(start)) return;
  auto& st = flows_[std::string(flow)];
  if (ok) {
    ++st.ok;
    st.latency_us.Record(Micros(end - start));
  } else {
    ++st.errors[key.empty() ? std::string("failed") : std::string(key)];
  }
}

void Recorder::Saga(std::string_view leg, Clock::time_point finished, Clock::time_point at, std::chrono::microseconds latency) {
  auto& s = At(at);
  if (leg == "saga.delivery_requested") ++s.sagas_requested;
  if (leg == "saga.delivered") ++s.sagas_delivered;
  if (!InWindow(finished)) return;
  auto& st = flows_[std::string(leg)];
  ++st.ok;
  st.latency_us.Record(latency.count() < 0 ? 0 : static_cast<std::uint64_t>(latency.count()));
}

void Recorder::SagaOutcome(std::string_view leg, Clock::time_point finished, std::string key) {
  if (!InWindow(finished)) return;
  ++flows_[std::string(leg)].errors[std::move(key)];
}

void Recorder::Dropped(Clock::time_point at) {
  auto& s = At(at);
  ++s.errors;
  if (InWindow(at)) ++dropped_;
}

json::object LatencyJson(const Histogram& h) {
  auto ms = [](std::uint64_t us) { return std::round(static_cast<double>(us) / 10.0) / 100.0; };
  return json::object{{"count", h.Count()},
                      {"p50_ms", ms(h.ValueAtQuantile(0.5))},
                      {"p90_ms", ms(h.ValueAtQuantile(0.9))},
                      {"p99_ms", ms(h.ValueAtQuantile(0.99))},
                      {"p999_ms", ms(h.ValueAtQuantile(0.999))},
                      {"max_ms", ms(h.Max())},
                      {"mean_ms", std::round(h.Mean() / 10.0) / 100.0}};
}

namespace {

json::object StatsJson(const StepStats& st, double seconds, bool with_histogram) {
  const auto errors = st.ErrorCount();
  const auto total = st.ok + errors;
  json::object by_code;
  for (const auto& [k, v] : st.errors) by_code[k] = v;
  json::object o{{"ok", st.ok},
                 {"errors", errors},
                 {"error_rate", total ? static_cast<double>(errors) / static_cast<double>(total) : 0.0},
                 {"per_second", seconds > 0 ? static_cast<double>(st.ok) / seconds : 0.0},
                 {"latency", LatencyJson(st.latency_us)},
                 {"errors_by_code", std::move(by_code)}};
  if (with_histogram) {
    json::array buckets;
    for (const auto& [hi, n] : st.latency_us.Buckets()) buckets.push_back(json::array{hi, n});
    o["histogram_us"] = std::move(buckets);
  }
  return o;
}

}  // namespace

json::object Recorder::ToJson(double measured_seconds) const {
  json::object steps, flows;
  std::uint64_t ok = 0, errors = 0;
  Histogram all;
  for (const auto& [name, st] : steps_) {
    steps[name] = StatsJson(st, measured_seconds, true);
    ok += st.ok;
    errors += st.ErrorCount();
    all.Merge(st.latency_us);
  }
  for (const auto& [name, st] : flows_) flows[name] = StatsJson(st, measured_seconds, true);
  errors += dropped_;
  json::array series;
  const auto warmup_s = std::chrono::duration<double>(window_start_ - start_).count();
  for (std::size_t i = 0; i < seconds_.size(); ++i) {
    const auto& s = seconds_[i];
    auto ms = [](std::uint64_t us) { return std::round(static_cast<double>(us) / 10.0) / 100.0; };
    series.push_back(json::object{{"t", static_cast<double>(i) - warmup_s},
                                  {"requests", s.requests},
                                  {"errors", s.errors},
                                  {"purchases", s.purchases},
                                  {"sagas_requested", s.sagas_requested},
                                  {"sagas_delivered", s.sagas_delivered},
                                  {"p50_ms", ms(s.latency_us.ValueAtQuantile(0.5))},
                                  {"p99_ms", ms(s.latency_us.ValueAtQuantile(0.99))},
                                  {"buy_p50_ms", ms(s.buy_latency_us.ValueAtQuantile(0.5))},
                                  {"buy_p99_ms", ms(s.buy_latency_us.ValueAtQuantile(0.99))}});
  }
  auto flow_ok = [&](const char* name) -> std::uint64_t {
    auto it = flows_.find(name);
    return it == flows_.end() ? 0 : it->second.ok;
  };
  auto flow_err = [&](const char* name) -> std::uint64_t {
    auto it = flows_.find(name);
    return it == flows_.end() ? 0 : it->second.ErrorCount();
  };
  const auto total = ok + errors;
  json::object totals{
      {"requests", total},
      {"ok", ok},
      {"errors", errors},
      {"dropped_arrivals", dropped_},
      {"error_rate", total ? static_cast<double>(errors) / static_cast<double>(total) : 0.0},
      {"requests_per_second", measured_seconds > 0 ? static_cast<double>(ok) / measured_seconds : 0.0},
      {"latency", LatencyJson(all)},
      {"purchases", flow_ok("flow.buy")},
      {"purchases_failed", flow_err("flow.buy")},
      {"purchases_per_second", measured_seconds > 0 ? static_cast<double>(flow_ok("flow.buy")) / measured_seconds : 0.0},
      {"sagas_delivery_requested", flow_ok("saga.delivery_requested")},
      {"sagas_delivery_requested_per_second",
       measured_seconds > 0 ? static_cast<double>(flow_ok("saga.delivery_requested")) / measured_seconds : 0.0},
      {"sagas_delivered", flow_ok("saga.delivered")},
      {"sagas_not_completed", flow_err("saga.delivery_requested")},
  };
  return json::object{{"totals", std::move(totals)},
                      {"steps", std::move(steps)},
                      {"flows", std::move(flows)},
                      {"series", std::move(series)}};
}

}  // namespace eda::loadgen
