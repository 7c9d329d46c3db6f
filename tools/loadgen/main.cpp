// eda-loadgen: virtual shoppers against the running services; see README.md and --help.
#include <fstream>
#include <iostream>
#include <string_view>
#include <vector>

#include <boost/json/serialize.hpp>

#include "loadgen/options.hpp"
#include "loadgen/runner.hpp"

int main(int argc, char** argv) {
  std::vector<std::string_view> args(argv + 1, argv + argc);
  auto options = eda::loadgen::ParseOptions(args);
  if (!options) {
    std::cerr << "eda-loadgen: " << options.error().message << "\n";
    return 2;
  }
  if (options->help) {
    std::cout << eda::loadgen::Usage();
    return 0;
  }
  auto endpoints = eda::loadgen::EndpointsFromEnvironment();
  if (!endpoints) {
    std::cerr << "eda-loadgen: " << endpoints.error().message << "\n";
    return 2;
  }
  auto results = eda::loadgen::Run(*options, *endpoints);
  if (!results) {
    std::cerr << "eda-loadgen: " << results.error().message << "\n";
    return results.error().code == "loadgen.unavailable" ? 3 : 1;
  }
  std::cout << eda::loadgen::SummaryTable(*results) << std::flush;
  if (!options->json_path.empty()) {
    std::ofstream out(options->json_path);
    out << boost::json::serialize(*results) << "\n";
    if (!out) {
      std::cerr << "eda-loadgen: could not write " << options->json_path << "\n";
      return 1;
    }
    std::cerr << "eda-loadgen: results in " << options->json_path << "\n";
  }
  return 0;
}
