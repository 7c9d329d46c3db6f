#pragma once

#include <string>
#include <utility>
#include <vector>

#include <boost/json/object.hpp>

#include "eda/core/result.hpp"

namespace eda::loadgen {

// What `./eda bench` hands to eda-benchreport.
struct ReportInput {
  std::string title = "eda benchmark";
  std::vector<boost::json::object> scenarios;                 // eda-loadgen results, in run order
  std::vector<std::string> notes;                             // bullet lines for the "conditions" section
  std::vector<std::pair<std::string, std::string>> sections;  // extra {title, preformatted text} (perf, ...)
};

// CPU-milliseconds each process spent per purchase in one scenario's measured window (its
// "processes" cpu_seconds over its "totals" purchases), plus "all but loadgen"; empty without
// purchases. Pure.
boost::json::object CpuMsPerPurchase(const boost::json::object& scenario);

// Headline figures picked from the scenarios by name: "read*" (read-heavy mix), "checkout*"
// (saturation; the best of several), "saga*" (fixed moderate rate). Missing ones are null.
boost::json::object Headline(const ReportInput& input);

// Writes into `dir` (which must exist): results.json ({title, headline, notes, sections, scenarios}), report.md and
// per scenario <name>-latency.svg (percentile spectrum per step), <name>-throughput.svg (per-second
// requests/errors), <name>-purchases.svg (purchases and completed sagas per second, when there were
// any), <name>-latency-time.svg (per-second p50/p99), <name>-cpu.svg (CPU% per process).
// Errors: loadgen.report (a file could not be written).
Status WriteReport(const ReportInput& input, const std::string& dir);

}  // namespace eda::loadgen
