#include "eda/service/startup.hpp"

#include "eda/log/log.hpp"

namespace eda::service {
namespace {

// Written once by StartLogging before any thread exists, then only read.
std::string& Name() {
  static std::string name = "service";
  return name;
}

}  // namespace

void StartLogging(std::string service) {
  Name() = service;
  log::Options options;
  options.service = std::move(service);
  (void)log::Init(options);  // an invalid EDA_LOG_LEVEL leaves info: not worth refusing to start
}

const std::string& ServiceName() { return Name(); }

int FailStartup(std::string_view step, const Error& error) {
  const std::string message = Name() + " start-up failed";
  log::Error(message, {{"step", step}, {"code", error.code}, {"error", error.message}});
  log::Flush();
  return 1;
}

int ReportStopped(int exit_code) {
  const std::string message = Name() + " service stopped";
  log::Info(message, {{"exit_code", exit_code}});
  log::Flush();
  return exit_code;
}

}  // namespace eda::service
