#include "loadgen/options.hpp"

#include <charconv>
#include <cstdlib>
#include <sstream>

namespace eda::loadgen {
namespace {

Error UsageError(std::string message) { return Error{"loadgen.usage", std::move(message), false}; }

bool ParseDouble(std::string_view s, double& out) {
  if (s.empty()) return false;
  std::string copy(s);
  char* end = nullptr;
  out = std::strtod(copy.c_str(), &end);
  return end == copy.c_str() + copy.size();
}

template <typename Int>
bool ParseInt(std::string_view s, Int& out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc{} && p == s.data() + s.size();
}

}  // namespace

std::string_view ActionName(Action a) noexcept {
  switch (a) {
    case Action::kBrowse: return "browse";
    case Action::kSearch: return "search";
    case Action::kView: return "view";
    case Action::kBuy: return "buy";
    case Action::kTrack: return "track";
  }
  return "?";
}

Action Mix::Pick(double u) const noexcept {
  double total = 0;
  for (double w : weights) total += w;
  double x = u * total;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (x < weights[i]) return kActions[i];
    x -= weights[i];
  }
  for (std::size_t i = weights.size(); i-- > 0;) {
    if (weights[i] > 0) return kActions[i];
  }
  return Action::kView;
}

double Mix::Share(Action a) const noexcept {
  double total = 0;
  for (double w : weights) total += w;
  return total > 0 ? weights[static_cast<std::size_t>(a)] / total : 0;
}

std::string Mix::ToString() const {
  std::ostringstream out;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (i) out << ',';
    out << ActionName(kActions[i]) << '=' << weights[i];
  }
  return out.str();
}

Result<Mix> ParseMix(std::string_view text) {
  Mix mix;
  mix.weights.fill(0);
  double total = 0;
  while (!text.empty()) {
    const auto comma = text.find(',');
    std::string_view item = text.substr(0, comma);
    text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
    const auto eq = item.find('=');
    if (eq == std::string_view::npos) return Error{"loadgen.bad_mix", "mix item '" + std::string(item) + "' is not action=weight", false};
    const auto name = item.substr(0, eq);
    double w = 0;
    if (!ParseDouble(item.substr(eq + 1), w) || w < 0) {
      return Error{"loadgen.bad_mix", "weight of '" + std::string(name) + "' must be a number >= 0", false};
    }
    bool found = false;
    for (std::size_t i = 0; i < kActions.size(); ++i) {
      if (ActionName(kActions[i]) == name) {
        mix.weights[i] = w;
        found = true;
      }
    }
    if (!found) return Error{"loadgen.bad_mix", "unknown action '" + std::string(name) + "' (browse, search, view, buy, track)", false};
    total += w;
  }
  if (total <= 0) return Error{"loadgen.bad_mix", "the mix needs at least one weight > 0", false};
  return mix;
}

std::string Usage() {
  return R"usage(eda-loadgen: virtual shoppers against the running services (loopback HTTP).

usage: eda-loadgen [flags]
Service URLs come from the environment (eval "$(./eda infra env --profile bench)"):
  EDA_MEMBER_URL EDA_CATALOG_URL EDA_SEARCH_URL EDA_ORDER_URL EDA_TOSS_SANDBOX_URL

load shape
  --model closed|open     closed: --users concurrent users looping; open: --rate arrivals/s (default closed)
  --users N               closed model: virtual users (16)
  --rate R                open model: arrivals per second (10); each arrival does one action
  --think-ms MS           closed model: pause between a user's actions (0)
  --max-inflight N        open model: arrivals beyond N in flight are dropped and counted (4096)
  --duration S            measured seconds (30)
  --warmup S              seconds of load before measuring (5)
  --mix LIST              action weights (browse=30,search=25,view=30,buy=10,track=5)
                            browse: seller's product list + one product;  search: tag route or
                            products query (Korean and English terms);  view: one product;
                            buy: [login] -> POST /orders -> sandbox window (approve) -> success page;
                            track: the buyer's order list + one order
data set (created by the setup phase, unique per run)
  --sellers N --products N --buyers N --stock N   (2, 64, 32, 1000000)
  --relogin P             share of purchases that log in first (0.1; argon2id makes logins costly)
saga tracking (every finished purchase is polled)
  --track none|requested|delivered   poll the order until DELIVERY_REQUESTED or DELIVERED (delivered)
  --poll-ms MS            poll interval (500)
  --saga-timeout S        give up on one order after S seconds (60)
  --drain S               after the load, wait at most S seconds for tracked orders (60)
output
  --name NAME             scenario name in the report (run)
  --json FILE             write the results (summary, histograms, per-second series, processes)
  --state-dir DIR         var/<profile> for CPU/RSS of every server and service (default $EDA_STATE_DIR)
  --quiet                 no progress lines
misc
  --client beast|httpclient   HTTP client: per-user Beast connections, or libs/httpclient (beast)
  --timeout-ms MS         per-request deadline (10000)
  --wait-ready S          retry the services' /health/ready for up to S seconds before giving up (0)
  --skip-ready            no /health/ready check (the caller has waited for every instance itself)
  --seed N                random seed (default: from the clock)
  --help
)usage";
}

Result<Options> ParseOptions(const std::vector<std::string_view>& args) {
  Options o;
  if (const char* dir = std::getenv("EDA_STATE_DIR")) o.state_dir = dir;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view flag = args[i];
    if (flag == "--help" || flag == "-h") {
      o.help = true;
      continue;
    }
    if (flag == "--quiet") {
      o.quiet = true;
      continue;
    }
    if (flag == "--skip-ready") {
      o.skip_ready = true;
      continue;
    }
    if (i + 1 >= args.size()) return UsageError("flag " + std::string(flag) + " needs a value (see --help)");
    const std::string_view v = args[++i];
    auto bad = [&] { return UsageError("bad value '" + std::string(v) + "' for " + std::string(flag)); };
    long long n = 0;
    double d = 0;
    if (flag == "--name") {
      o.name = std::string(v);
    } else if (flag == "--model") {
      if (v == "closed") o.model = Model::kClosed;
      else if (v == "open") o.model = Model::kOpen;
      else return bad();
    } else if (flag == "--rate") {
      if (!ParseDouble(v, d) || d <= 0 || d > 100000) return bad();
      o.rate = d;
    } else if (flag == "--users") {
      if (!ParseInt(v, n) || n < 1 || n > 100000) return bad();
      o.users = static_cast<int>(n);
    } else if (flag == "--think-ms") {
      if (!ParseInt(v, n) || n < 0) return bad();
      o.think = std::chrono::milliseconds{n};
    } else if (flag == "--max-inflight") {
      if (!ParseInt(v, n) || n < 1) return bad();
      o.max_inflight = static_cast<int>(n);
    } else if (flag == "--duration") {
      if (!ParseInt(v, n) || n < 1) return bad();
      o.duration = std::chrono::seconds{n};
    } else if (flag == "--warmup") {
      if (!ParseInt(v, n) || n < 0) return bad();
      o.warmup = std::chrono::seconds{n};
    } else if (flag == "--mix") {
      auto mix = ParseMix(v);
      if (!mix) return UsageError("--mix: " + mix.error().message);
      o.mix = *mix;
    } else if (flag == "--sellers") {
      if (!ParseInt(v, n) || n < 1 || n > 1000) return bad();
      o.sellers = static_cast<int>(n);
    } else if (flag == "--products") {
      if (!ParseInt(v, n) || n < 1 || n > 100000) return bad();
      o.products = static_cast<int>(n);
    } else if (flag == "--buyers") {
      if (!ParseInt(v, n) || n < 1 || n > 100000) return bad();
      o.buyers = static_cast<int>(n);
    } else if (flag == "--stock") {
      if (!ParseInt(v, n) || n < 1) return bad();
      o.stock = n;
    } else if (flag == "--relogin") {
      if (!ParseDouble(v, d) || d < 0 || d > 1) return bad();
      o.relogin = d;
    } else if (flag == "--track") {
      if (v == "none") o.track = TrackUntil::kNone;
      else if (v == "requested") o.track = TrackUntil::kRequested;
      else if (v == "delivered") o.track = TrackUntil::kDelivered;
      else return bad();
    } else if (flag == "--poll-ms") {
      if (!ParseInt(v, n) || n < 10) return bad();
      o.poll = std::chrono::milliseconds{n};
    } else if (flag == "--saga-timeout") {
      if (!ParseInt(v, n) || n < 1) return bad();
      o.saga_timeout = std::chrono::seconds{n};
    } else if (flag == "--drain") {
      if (!ParseInt(v, n) || n < 0) return bad();
      o.drain = std::chrono::seconds{n};
    } else if (flag == "--client") {
      if (v == "beast") o.client = ClientKind::kBeast;
      else if (v == "httpclient") o.client = ClientKind::kHttpclient;
      else return bad();
    } else if (flag == "--timeout-ms") {
      if (!ParseInt(v, n) || n < 1) return bad();
      o.timeout = std::chrono::milliseconds{n};
    } else if (flag == "--wait-ready") {
      if (!ParseInt(v, n) || n < 0) return bad();
      o.wait_ready = std::chrono::seconds{n};
    } else if (flag == "--json") {
      o.json_path = std::string(v);
    } else if (flag == "--state-dir") {
      o.state_dir = std::string(v);
    } else if (flag == "--seed") {
      std::uint64_t s = 0;
      if (!ParseInt(v, s)) return bad();
      o.seed = s;
    } else {
      return UsageError("unknown flag " + std::string(flag) + " (see --help)");
    }
  }
  return o;
}

}  // namespace eda::loadgen
