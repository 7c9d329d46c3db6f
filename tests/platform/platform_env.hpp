#pragma once

// Endpoints and helpers shared by the platform tests. Every value comes from the EDA_* variables
// that `./eda test` exports; the defaults are the test profile's (see docs/TEAM_BRIEF.md).

#include <chrono>
#include <string>

namespace eda::platform_test {

// The value of environment variable `name`, or `fallback` when unset or empty.
std::string EnvOr(const char* name, const std::string& fallback);

// EnvOr parsed as a port number; `fallback` when unset. Throws std::invalid_argument when set but
// not a number in 1..65535 (a misconfigured run should fail loudly, not test the wrong server).
int PortEnvOr(const char* name, int fallback);

// A short random lowercase hex string for unique topic/table/key names (reruns never collide).
std::string UniqueSuffix();

// Runs `$EDA_ROOT/eda <args> --profile $EDA_PROFILE` and returns its exit status (-1 when it could
// not be run). Output goes to the test's stdout. Both variables must be set (./eda test sets them).
int RunEda(const std::string& args);

// True when EDA_ROOT and EDA_PROFILE are set, i.e. the test may drive ./eda infra.
bool CanDriveInfra();

}  // namespace eda::platform_test
