#pragma once

#include <memory>
#include <string>

#include <boost/json/object.hpp>

#include "eda/core/result.hpp"
#include "loadgen/options.hpp"

namespace eda::loadgen {

// Service base URLs (EDA_*_URL).
struct Endpoints {
  Endpoint member, catalog, search, order, sandbox;
};
// Reads EDA_MEMBER_URL, EDA_CATALOG_URL, EDA_SEARCH_URL, EDA_ORDER_URL, EDA_TOSS_SANDBOX_URL.
// Errors: loadgen.config naming the missing or malformed variable.
Result<Endpoints> EndpointsFromEnvironment();

// One complete run: checks the services, creates the data set, runs the load (warm-up + measured
// window), drains the tracked sagas, and returns the results JSON (options, totals, steps, flows,
// series, processes). Runs its own single-threaded io_context; blocks until done.
// Errors: loadgen.unavailable (a service does not answer; the message says which and how to start
// it), loadgen.setup (the data set could not be created; the message has the failing call).
Result<boost::json::object> Run(const Options& options, const Endpoints& endpoints);

// The human-readable summary table of a results object.
std::string SummaryTable(const boost::json::object& results);

}  // namespace eda::loadgen
