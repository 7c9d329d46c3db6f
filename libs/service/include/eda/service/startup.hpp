#pragma once

// The first and last lines a service's main() writes: logging set up for the service, one error line
// per failed start-up step, one line when the server has stopped.
//
//   int main() {
//     service::StartLogging("member");
//     ...
//     if (!sql_settings) return service::FailStartup("mysql settings", sql_settings.error());
//     ...
//     return service::ReportStopped(server.Run());
//   }

#include <string>
#include <string_view>

#include "eda/core/error.hpp"

namespace eda::service {

// Configures the process-wide logger for `service` (async, level from EDA_LOG_LEVEL; an invalid level
// is ignored and info is used) and remembers the name for the two functions below. Call once at the
// top of main(), before any thread starts. Not thread-safe (like eda::log::Init).
void StartLogging(std::string service);

// The name given to StartLogging ("service" before it was called).
const std::string& ServiceName();

// Logs `<service> start-up failed step=<step> code=<error.code> error=<error.message>` at error level,
// flushes the log and returns 1, the process exit code: `return FailStartup("migrations", e);`.
// Thread-safe after StartLogging.
int FailStartup(std::string_view step, const Error& error);

// Logs `<service> service stopped exit_code=<exit_code>`, flushes the log and returns `exit_code`.
int ReportStopped(int exit_code);

}  // namespace eda::service
