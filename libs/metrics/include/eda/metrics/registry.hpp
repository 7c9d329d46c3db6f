#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

namespace eda::metrics {

using Labels = std::map<std::string, std::string>;
using Counter = prometheus::Counter;
using Gauge = prometheus::Gauge;
using Histogram = prometheus::Histogram;
template <class T>
using Family = prometheus::Family<T>;

// A registry of Prometheus metrics (prometheus-cpp core) and its text exposition, served by the
// HTTP server's /metrics route. One registry per process is the norm (Registry::Default()); tests
// make their own.
//
// Families are created once (at start-up) and the returned references stay valid for the registry's
// lifetime; creating a family with an existing name and the same type returns the existing one.
// Metric objects (`family.Add(labels)`) are thread-safe to update; hold on to them on hot paths,
// since Add() takes a lock and a map lookup.
//
//   auto& orders = registry.CounterFamily("eda_orders_created_total", "Orders created");
//   orders.Add({{"channel", "web"}}).Increment();
//
// Thread safety: every method is thread-safe.
class Registry {
 public:
  Registry();

  // The process-wide registry.
  static Registry& Default();

  Family<Counter>& CounterFamily(const std::string& name, const std::string& help, const Labels& constant = {});
  Family<Gauge>& GaugeFamily(const std::string& name, const std::string& help, const Labels& constant = {});
  Family<Histogram>& HistogramFamily(const std::string& name, const std::string& help,
                                     const Labels& constant = {});

  // Shortcuts for a single labelled metric.
  Counter& AddCounter(const std::string& name, const std::string& help, const Labels& labels = {});
  Gauge& AddGauge(const std::string& name, const std::string& help, const Labels& labels = {});
  Histogram& AddHistogram(const std::string& name, const std::string& help, const Histogram::BucketBoundaries& b,
                          const Labels& labels = {});

  // Prometheus text exposition format 0.0.4 of every metric in the registry.
  std::string Serialize() const;

  // Bucket boundaries in seconds for request/handler latency: 0.5 ms .. 10 s.
  static Histogram::BucketBoundaries LatencyBuckets();

  const std::shared_ptr<prometheus::Registry>& raw() const noexcept { return registry_; }

 private:
  std::shared_ptr<prometheus::Registry> registry_;
};

}  // namespace eda::metrics
