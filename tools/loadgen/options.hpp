#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "eda/core/result.hpp"
#include "loadgen/http_session.hpp"

namespace eda::loadgen {

// What a virtual user does in one iteration (closed model) or one arrival (open model).
enum class Action { kBrowse, kSearch, kView, kBuy, kTrack };
inline constexpr std::array<Action, 5> kActions{Action::kBrowse, Action::kSearch, Action::kView, Action::kBuy,
                                                Action::kTrack};
std::string_view ActionName(Action a) noexcept;

// Relative weights per action; "browse=30,search=25,view=30,buy=10,track=5". Missing actions get 0.
struct Mix {
  std::array<double, 5> weights{30, 25, 30, 10, 5};
  // The action for a uniform draw u in [0, 1).
  Action Pick(double u) const noexcept;
  double Share(Action a) const noexcept;
  std::string ToString() const;
};
// Errors: loadgen.bad_mix (unknown action, bad number, all zero).
Result<Mix> ParseMix(std::string_view text);

enum class Model { kClosed, kOpen };
enum class TrackUntil { kNone, kRequested, kDelivered };

// Every flag of eda-loadgen (see Usage()).
struct Options {
  std::string name = "run";        // scenario name in the output
  Model model = Model::kClosed;
  double rate = 10;                // open model: arrivals per second
  int users = 16;                  // closed model: concurrent virtual users
  std::chrono::milliseconds think{0};
  std::chrono::seconds duration{30};
  std::chrono::seconds warmup{5};
  Mix mix;
  int sellers = 2;
  int products = 64;
  int buyers = 32;
  std::int64_t stock = 1'000'000;
  double relogin = 0.1;            // share of purchases that start with a fresh login
  TrackUntil track = TrackUntil::kDelivered;
  std::chrono::milliseconds poll{500};
  std::chrono::seconds saga_timeout{60};
  std::chrono::seconds drain{60};
  ClientKind client = ClientKind::kBeast;
  std::chrono::milliseconds timeout{10'000};
  std::chrono::seconds wait_ready{0};  // keep retrying /health/ready this long before giving up
  // Skip the /health/ready check: the caller waited for every instance itself (behind a balancer
  // the services' URLs route only their own paths, not /health).
  bool skip_ready = false;
  int max_inflight = 4096;         // open model: arrivals beyond this are dropped (and counted)
  std::string state_dir;           // var/<profile>: where the pid files are ("" = no process figures)
  std::string json_path;           // results file ("" = none)
  std::uint64_t seed = 0;          // 0 = from the clock
  bool quiet = false;
  bool help = false;
};

// Parses argv (without argv[0]). Errors: loadgen.usage with a message naming the flag.
Result<Options> ParseOptions(const std::vector<std::string_view>& args);
std::string Usage();

}  // namespace eda::loadgen
