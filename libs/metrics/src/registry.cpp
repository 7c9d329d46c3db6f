#include "eda/metrics/registry.hpp"

#include <prometheus/text_serializer.h>

namespace eda::metrics {

Registry::Registry() : registry_(std::make_shared<prometheus::Registry>()) {}

Registry& Registry::Default() {
  static Registry* r = new Registry();  // never destroyed: metrics may be touched during shutdown
  return *r;
}

Family<Counter>& Registry::CounterFamily(const std::string& name, const std::string& help, const Labels& constant) {
  return prometheus::BuildCounter().Name(name).Help(help).Labels(constant).Register(*registry_);
}

Family<Gauge>& Registry::GaugeFamily(const std::string& name, const std::string& help, const Labels& constant) {
  return prometheus::BuildGauge().Name(name).Help(help).Labels(constant).Register(*registry_);
}

Family<Histogram>& Registry::HistogramFamily(const std::string& name, const std::string& help,
                                             const Labels& constant) {
  return prometheus::BuildHistogram().Name(name).Help(help).Labels(constant).Register(*registry_);
}

Counter& Registry::AddCounter(const std::string& name, const std::string& help, const Labels& labels) {
  return CounterFamily(name, help).Add(labels);
}

Gauge& Registry::AddGauge(const std::string& name, const std::string& help, const Labels& labels) {
  return GaugeFamily(name, help).Add(labels);
}

Histogram& Registry::AddHistogram(const std::string& name, const std::string& help,
                                  const Histogram::BucketBoundaries& b, const Labels& labels) {
  return HistogramFamily(name, help).Add(labels, b);
}

std::string Registry::Serialize() const {
  prometheus::TextSerializer serializer;
  return serializer.Serialize(registry_->Collect());
}

Histogram::BucketBoundaries Registry::LatencyBuckets() {
  return {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
}

}  // namespace eda::metrics
