#include "loadgen/runner.hpp"

#include <sys/utsname.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <functional>
#include <iomanip>
#include <iostream>
#include <optional>
#include <random>
#include <sstream>
#include <vector>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "loadgen/proc_monitor.hpp"
#include "loadgen/stats.hpp"

namespace eda::loadgen {
namespace asio = boost::asio;
namespace json = boost::json;
using namespace std::chrono_literals;

Result<Endpoints> EndpointsFromEnvironment() {
  Endpoints e;
  struct Var {
    const char* env;
    const char* name;
    Endpoint* out;
  };
  const Var vars[] = {{"EDA_MEMBER_URL", "member", &e.member},
                      {"EDA_CATALOG_URL", "catalog", &e.catalog},
                      {"EDA_SEARCH_URL", "search", &e.search},
                      {"EDA_ORDER_URL", "order", &e.order},
                      {"EDA_TOSS_SANDBOX_URL", "toss-sandbox", &e.sandbox}};
  for (const auto& v : vars) {
    const char* value = std::getenv(v.env);
    if (value == nullptr || *value == '\0') {
      return Error{"loadgen.config",
                   std::string(v.env) + " is not set; load a profile's variables first, e.g. eval \"$(./eda infra env --profile bench)\"",
                   false};
    }
    if (!ParseEndpoint(v.name, value, *v.out)) {
      return Error{"loadgen.config", std::string(v.env) + "='" + value + "' is not a plain http://host:port URL", false};
    }
  }
  return e;
}

namespace {

// ---- small helpers -------------------------------------------------------------------------------

std::optional<json::value> ParseJson(const std::string& body) {
  boost::system::error_code ec;
  auto v = json::parse(body, ec);
  if (ec) return std::nullopt;
  return v;
}

std::optional<std::int64_t> IntField(const json::value& v, std::string_view key) {
  if (!v.is_object()) return std::nullopt;
  const auto* f = v.as_object().if_contains(key);
  if (f == nullptr) return std::nullopt;
  if (f->is_int64()) return f->as_int64();
  if (f->is_uint64()) return static_cast<std::int64_t>(f->as_uint64());
  if (f->is_double()) return static_cast<std::int64_t>(f->as_double());
  return std::nullopt;
}

std::string StringField(const json::value& v, std::string_view key) {
  if (!v.is_object()) return {};
  const auto* f = v.as_object().if_contains(key);
  if (f == nullptr || !f->is_string()) return {};
  return std::string(f->as_string());
}

std::string PercentEncode(std::string_view s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) != 0 || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// "2026-11-24T04:13:42.123Z" → milliseconds since the epoch.
std::optional<std::int64_t> ParseIsoMillis(const std::string& s) {
  std::tm tm{};
  int ms = 0;
  if (std::sscanf(s.c_str(), "%d-%d-%dT%d:%d:%d.%dZ", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
                  &tm.tm_sec, &ms) < 6) {
    return std::nullopt;
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return static_cast<std::int64_t>(timegm(&tm)) * 1000 + ms;
}

std::string Trim(std::string s, std::size_t max = 200) {
  for (auto& c : s) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  if (s.size() > max) s = s.substr(0, max) + "...";
  return s;
}

std::string LoadAverage() {
  std::ifstream in("/proc/loadavg");
  std::string a, b, c;
  in >> a >> b >> c;
  return a + " " + b + " " + c;
}

std::string UtcNow() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// Counts running coroutines; Wait returns when none is left or at the deadline.
class WaitGroup {
 public:
  explicit WaitGroup(asio::any_io_executor ex) : timer_(std::move(ex)) {}
  void Add() noexcept { ++n_; }
  void Done() {
    if (--n_ == 0) timer_.cancel();
  }
  int Count() const noexcept { return n_; }
  asio::awaitable<void> Wait(Clock::time_point deadline) {
    while (n_ > 0 && Clock::now() < deadline) {
      timer_.expires_at(deadline);
      co_await timer_.async_wait(asio::as_tuple(asio::use_awaitable));
    }
  }

 private:
  asio::steady_timer timer_;
  int n_ = 0;
};

asio::awaitable<void> SleepUntil(Clock::time_point t) {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  timer.expires_at(t);
  co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
}

// Product names: a Korean and an English word per category, so both kinds of search terms hit.
struct Category {
  const char* ko;
  const char* en;
};
constexpr Category kCategories[] = {{"노트북", "laptop"},   {"키보드", "keyboard"}, {"마우스", "mouse"},
                                    {"모니터", "monitor"},  {"의자", "chair"},      {"운동화", "sneakers"},
                                    {"커피", "coffee"},     {"가방", "backpack"}};
constexpr const char* kCarriers[] = {"HANJIN", "LOTTE", "CJ"};

struct Seller {
  std::int64_t id = 0;
  std::string login;
  std::string token;
};
struct Product {
  std::int64_t id = 0;
  std::int64_t seller = 0;
};
struct Buyer {
  std::int64_t id = 0;
  std::string login;
  std::string token;
  Clock::time_point token_at{};
  std::vector<std::string> orders;  // newest last, at most 8
};

bool IsDeliveryRequestedOrLater(const std::string& s) {
  return s == "DELIVERY_REQUESTED" || s == "IN_DELIVERY" || s == "DELIVERED";
}
bool IsFailed(const std::string& s) {
  return s == "PAYMENT_FAILED" || s == "CANCELLING" || s == "CANCELLED" || s == "EXPIRED";
}

// ---- the run -------------------------------------------------------------------------------------

class Runner {
 public:
  Runner(const Options& o, const Endpoints& e, asio::io_context& io)
      : o_(o),
        e_(e),
        io_(io),
        factory_(io.get_executor(), o.client, o.timeout),
        rng_(o.seed ? o.seed : static_cast<std::uint64_t>(Clock::now().time_since_epoch().count())),
        load_(io.get_executor()),
        trackers_(io.get_executor()) {
    std::uniform_int_distribution<int> d(0, 0xfffff);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%05x", d(rng_));
    run_id_ = buf;
    password_ = "Lg-" + run_id_ + "-pw!7";
  }

  asio::awaitable<void> Main() {
    auto checked = co_await CheckServices();
    if (!checked) {
      error_ = checked.error();
      co_return;
    }
    const auto setup_start = Clock::now();
    auto set_up = co_await Setup();
    if (!set_up) {
      error_ = set_up.error();
      co_return;
    }
    setup_seconds_ = std::chrono::duration<double>(Clock::now() - setup_start).count();
    Log("setup done in " + Fixed(setup_seconds_, 1) + " s: " + std::to_string(sellers_.size()) + " sellers, " +
        std::to_string(products_.size()) + " products, " + std::to_string(buyers_.size()) + " buyers (run " + run_id_ + ")");

    monitor_.emplace(o_.state_dir);
    start_ = Clock::now();
    rec_.emplace(start_, o_.warmup, o_.duration);
    end_ = rec_->WindowEnd();
    monitor_->SetWindow(static_cast<double>(o_.warmup.count()), static_cast<double>((o_.warmup + o_.duration).count()));
    monitor_->Sample(0);
    asio::co_spawn(io_, MonitorLoop(), asio::detached);
    asio::co_spawn(io_, ProgressLoop(), asio::detached);
    loadavg_before_ = LoadAverage();

    if (o_.model == Model::kClosed) {
      for (int i = 0; i < o_.users; ++i) {
        load_.Add();
        asio::co_spawn(io_, UserLoop(i), asio::detached);
      }
    } else {
      load_.Add();
      asio::co_spawn(io_, Arrivals(), asio::detached);
    }
    co_await load_.Wait(end_ + o_.timeout + 5s);
    load_done_ = Clock::now();
    if (trackers_.Count() > 0) Log("load done; waiting for " + std::to_string(trackers_.Count()) + " tracked orders");
    co_await trackers_.Wait(Clock::now() + o_.drain);
    stop_ = true;  // trackers still running give up at their next poll
    loadavg_after_ = LoadAverage();
    monitor_->Sample(std::chrono::duration<double>(Clock::now() - start_).count());
    co_await trackers_.Wait(Clock::now() + o_.timeout + 1s);
    finished_ = true;
  }

  Result<json::object> Results() {
    if (error_) return *error_;
    const double measured = static_cast<double>(o_.duration.count());
    json::object out = rec_->ToJson(measured);
    json::object opts{{"model", o_.model == Model::kClosed ? "closed" : "open"},
                      {"users", o_.users},
                      {"rate", o_.rate},
                      {"think_ms", o_.think.count()},
                      {"duration_s", o_.duration.count()},
                      {"warmup_s", o_.warmup.count()},
                      {"mix", o_.mix.ToString()},
                      {"relogin", o_.relogin},
                      {"track", o_.track == TrackUntil::kNone ? "none" : o_.track == TrackUntil::kRequested ? "requested" : "delivered"},
                      {"poll_ms", o_.poll.count()},
                      {"saga_timeout_s", o_.saga_timeout.count()},
                      {"client", o_.client == ClientKind::kBeast ? "beast" : "httpclient"},
                      {"timeout_ms", o_.timeout.count()},
                      {"max_inflight", o_.max_inflight},
                      {"wait_ready_s", o_.wait_ready.count()}};
    json::object processes = monitor_->ToJson();
    double loadgen_cpu = 0;
    if (auto* lg = processes.if_contains("loadgen"); lg && lg->is_object()) {
      if (auto* c = lg->as_object().if_contains("cpu_seconds"); c && c->is_double()) loadgen_cpu = c->as_double();
    }
    const auto& totals = out["totals"].as_object();
    const double ok = static_cast<double>(totals.at("ok").to_number<std::uint64_t>());
    out["loadgen"] = json::object{{"cpu_seconds", loadgen_cpu},
                                  {"requests_per_cpu_second", loadgen_cpu > 0 ? std::round(ok / loadgen_cpu) : 0.0}};
    out["processes"] = std::move(processes);
    out["name"] = o_.name;
    out["tool"] = "eda-loadgen";
    out["started_at"] = started_at_;
    out["measured_seconds"] = measured;
    out["options"] = std::move(opts);
    out["setup"] = json::object{{"run_id", run_id_},
                                {"sellers", sellers_.size()},
                                {"products", products_.size()},
                                {"buyers", buyers_.size()},
                                {"seconds", std::round(setup_seconds_ * 10) / 10}};
    out["machine"] = json::object{{"cpus", static_cast<std::int64_t>(sysconf(_SC_NPROCESSORS_ONLN))},
                                  {"loadavg_before", loadavg_before_},
                                  {"loadavg_after", loadavg_after_}};
    out["endpoints"] = json::object{{"member", e_.member.base},   {"catalog", e_.catalog.base},
                                    {"search", e_.search.base},   {"order", e_.order.base},
                                    {"toss_sandbox", e_.sandbox.base}};
    return out;
  }

  std::string started_at_ = UtcNow();

 private:
  // ---- plumbing ----
  void Log(const std::string& line) const {
    if (!o_.quiet) std::cerr << "[loadgen " << o_.name << "] " << line << std::endl;
  }
  static std::string Fixed(double v, int digits) {
    std::ostringstream s;
    s << std::fixed << std::setprecision(digits) << v;
    return s.str();
  }
  double Uniform() { return std::uniform_real_distribution<double>(0, 1)(rng_); }
  std::size_t Pick(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_); }

  std::unique_ptr<HttpSession> TakeSession() {
    if (idle_sessions_.empty()) return factory_.Make();
    auto s = std::move(idle_sessions_.back());
    idle_sessions_.pop_back();
    return s;
  }
  void GiveBack(std::unique_ptr<HttpSession> s) { idle_sessions_.push_back(std::move(s)); }

  // One recorded call.
  asio::awaitable<Reply> Timed(std::string_view step, HttpSession& s, Verb verb, const Endpoint& ep, std::string target,
                               std::string body, std::string bearer) {
    const auto t0 = Clock::now();
    auto call = s.Call(verb, ep, std::move(target), std::move(body), std::move(bearer));
    Reply r = co_await std::move(call);
    rec_->Call(step, t0, Clock::now(), r);
    co_return r;
  }

  // ---- checks and setup ----
  // Retries CheckOnce every second until it passes or --wait-ready has passed.
  asio::awaitable<Status> CheckServices() {
    if (o_.skip_ready) co_return Status{};
    const auto deadline = Clock::now() + o_.wait_ready;
    for (int attempt = 0;; ++attempt) {
      auto once = CheckOnce();
      Status st = co_await std::move(once);
      if (st || Clock::now() >= deadline) co_return st;
      if (attempt % 10 == 0) Log("waiting for the services: " + st.error().message);
      co_await SleepUntil(Clock::now() + 1s);
    }
  }

  asio::awaitable<Status> CheckOnce() {
    auto session = factory_.Make();
    std::vector<const Endpoint*> needed{&e_.member, &e_.catalog};
    if (o_.mix.Share(Action::kSearch) > 0) needed.push_back(&e_.search);
    if (o_.mix.Share(Action::kBuy) > 0 || o_.mix.Share(Action::kTrack) > 0) needed.push_back(&e_.order);
    if (o_.mix.Share(Action::kBuy) > 0) needed.push_back(&e_.sandbox);
    for (const Endpoint* ep : needed) {
      std::string target = "/health/ready";
      auto call = session->Call(Verb::kGet, *ep, std::move(target), std::string(), std::string());
      Reply r = co_await std::move(call);
      std::string var = ep->name == "toss-sandbox" ? "EDA_TOSS_SANDBOX_URL" : "EDA_" + ep->name + "_URL";
      std::transform(var.begin(), var.end(), var.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
      if (r.status == 0) {
        co_return Error{"loadgen.unavailable",
                        "the " + ep->name + " service at " + ep->base + " does not answer (" + r.error +
                            "). Start the stack (./eda up --profile bench, or ./eda bench), or point " + var + " at it.",
                        true};
      }
      if (!r.Ok()) {
        co_return Error{"loadgen.unavailable",
                        "the " + ep->name + " service at " + ep->base + " answers /health/ready with " +
                            std::to_string(r.status) + ": " + Trim(r.body) + " (see ./eda logs " + ep->name + " --profile <p>)",
                        true};
      }
    }
    co_return Status{};
  }

  static Error SetupError(const std::string& what, const Reply& r) {
    return Error{"loadgen.setup",
                 what + " failed: " + (r.status ? std::to_string(r.status) + " " + Trim(r.body) : "transport " + r.error),
                 false};
  }

  // A setup call, retried up to 5 times on a transport failure or a 5xx (setup is not measured, and a
  // busy machine makes the first write to a fresh Cassandra or Kafka time out now and then).
  asio::awaitable<Reply> SetupCall(HttpSession& s, Verb verb, const Endpoint& ep, std::string target, std::string body,
                                   std::string bearer) {
    Reply r;
    for (int attempt = 1; attempt <= 5; ++attempt) {
      auto call = s.Call(verb, ep, target, body, bearer);
      r = co_await std::move(call);
      if (r.status != 0 && r.status < 500) break;
      Log("setup: " + ep.name + " " + target + " answered " + (r.status ? std::to_string(r.status) : "transport " + r.error) +
          "; retrying (" + std::to_string(attempt) + "/5)");
      co_await SleepUntil(Clock::now() + std::chrono::seconds{attempt});
    }
    co_return r;
  }

  // Registers (role SELLER or BUYER) and logs in; fills id and token.
  asio::awaitable<Status> RegisterAndLogin(HttpSession& s, const std::string& login, const char* role, std::int64_t& id,
                                           std::string& token) {
    json::object reg{{"loginId", login}, {"userName", "bench " + login}, {"password", password_}, {"role", role}};
    std::string target = "/member/users/registration";
    std::string body = json::serialize(reg);
    auto call = SetupCall(s, Verb::kPost, e_.member, std::move(target), std::move(body), std::string());
    Reply r = co_await std::move(call);
    // 409 after a retried registration whose first answer was lost: the member exists.
    if (!r.Ok() && r.status != 409) co_return SetupError("registering " + login, r);
    auto login_call = Login(s, login);
    auto l = co_await std::move(login_call);
    if (!l) co_return l.error();
    id = l->first;
    token = l->second;
    co_return Status{};
  }

  // POST /member/users/login → {id, token}; recorded as member.login once the load runs.
  asio::awaitable<Result<std::pair<std::int64_t, std::string>>> Login(HttpSession& s, const std::string& login) {
    json::object body_json{{"loginId", login}, {"password", password_}};
    std::string target = "/member/users/login";
    std::string body = json::serialize(body_json);
    const auto t0 = Clock::now();
    Reply r;
    if (rec_) {
      auto call = s.Call(Verb::kPost, e_.member, std::move(target), std::move(body), std::string());
      r = co_await std::move(call);
      rec_->Call("member.login", t0, Clock::now(), r);
    } else {
      auto call = SetupCall(s, Verb::kPost, e_.member, std::move(target), std::move(body), std::string());
      r = co_await std::move(call);
    }
    if (!r.Ok()) co_return SetupError("login of " + login, r);
    auto v = ParseJson(r.body);
    auto id = v ? IntField(*v, "id") : std::nullopt;
    std::string token = v ? StringField(*v, "accessToken") : std::string();
    if (!id || token.empty()) co_return SetupError("login of " + login + " (no id/accessToken)", r);
    co_return std::make_pair(*id, token);
  }

  // Runs fn(i) for i in [0, n) with `parallel` workers; the first error wins.
  asio::awaitable<Status> ForEach(int n, int parallel, std::function<asio::awaitable<Status>(HttpSession&, int)> fn) {
    WaitGroup wg(io_.get_executor());
    auto next = std::make_shared<int>(0);
    auto first_error = std::make_shared<std::optional<Error>>();
    for (int w = 0; w < std::min(n, parallel); ++w) {
      wg.Add();
      asio::co_spawn(
          io_,
          [&, next, first_error]() -> asio::awaitable<void> {
            auto session = factory_.Make();
            while (*next < n && !*first_error) {
              const int i = (*next)++;
              auto step = fn(*session, i);
              Status st = co_await std::move(step);
              if (!st && !*first_error) *first_error = st.error();
            }
            wg.Done();
          },
          asio::detached);
    }
    co_await wg.Wait(Clock::now() + 600s);
    if (*first_error) co_return **first_error;
    co_return Status{};
  }

  asio::awaitable<Status> Setup() {
    Log("setup: " + std::to_string(o_.sellers) + " sellers, " + std::to_string(o_.products) + " products, " +
        std::to_string(o_.buyers) + " buyers (argon2id makes each registration and login cost ~0.1 s of member CPU)");
    sellers_.resize(static_cast<std::size_t>(o_.sellers));
    auto sellers_step = ForEach(o_.sellers, 2, [this](HttpSession& s, int i) -> asio::awaitable<Status> {
      auto& seller = sellers_[static_cast<std::size_t>(i)];
      seller.login = "lg" + run_id_ + "s" + std::to_string(i);
      auto step = RegisterAndLogin(s, seller.login, "SELLER", seller.id, seller.token);
      co_return co_await std::move(step);
    });
    Status st = co_await std::move(sellers_step);
    if (!st) co_return st;

    products_.resize(static_cast<std::size_t>(o_.products));
    auto products_step = ForEach(o_.products, 4, [this](HttpSession& s, int i) -> asio::awaitable<Status> {
      const auto& seller = sellers_[static_cast<std::size_t>(i) % sellers_.size()];
      const auto& cat = kCategories[static_cast<std::size_t>(i) % std::size(kCategories)];
      json::object p{{"sellerId", seller.id},
                     {"productName", std::string(cat.ko) + " " + cat.en + " " + run_id_ + " " + std::to_string(i)},
                     {"productDescription", "load generator product"},
                     {"productPrice", 1000 + 100 * (i % 50)},
                     {"stockCount", o_.stock},
                     {"tags", json::array{"lg" + run_id_, cat.en, cat.ko}}};
      std::string target = "/catalog/products/register";
      std::string body = json::serialize(p);
      std::string bearer = seller.token;
      auto call = SetupCall(s, Verb::kPost, e_.catalog, std::move(target), std::move(body), std::move(bearer));
      Reply r = co_await std::move(call);
      if (!r.Ok()) co_return SetupError("registering a product", r);
      auto v = ParseJson(r.body);
      auto id = v ? IntField(*v, "productId") : std::nullopt;
      if (!id) co_return SetupError("registering a product (no productId)", r);
      products_[static_cast<std::size_t>(i)] = Product{*id, seller.id};
      co_return Status{};
    });
    st = co_await std::move(products_step);
    if (!st) co_return st;

    buyers_.resize(static_cast<std::size_t>(o_.buyers));
    auto buyers_step = ForEach(o_.buyers, 2, [this](HttpSession& s, int i) -> asio::awaitable<Status> {
      auto& b = buyers_[static_cast<std::size_t>(i)];
      b.login = "lg" + run_id_ + "b" + std::to_string(i);
      auto step = RegisterAndLogin(s, b.login, "BUYER", b.id, b.token);
      Status result = co_await std::move(step);
      b.token_at = Clock::now();
      co_return result;
    });
    st = co_await std::move(buyers_step);
    if (!st) co_return st;

    if (o_.mix.Share(Action::kSearch) > 0) {
      // The search read model fills from Kafka: wait until this run's tag lists every product.
      auto session = factory_.Make();
      const auto deadline = Clock::now() + 60s;
      std::size_t seen = 0;
      while (Clock::now() < deadline) {
        std::string target = "/search/tags/lg" + run_id_;
        auto call = session->Call(Verb::kGet, e_.search, std::move(target), std::string(), std::string());
        Reply r = co_await std::move(call);
        auto v = r.Ok() ? ParseJson(r.body) : std::nullopt;
        seen = v && v->is_array() ? v->as_array().size() : 0;
        if (seen >= products_.size()) break;
        co_await SleepUntil(Clock::now() + 500ms);
      }
      if (seen < products_.size()) {
        Log("warning: search lists " + std::to_string(seen) + "/" + std::to_string(products_.size()) +
            " products of this run after 60 s (consumer lag?); continuing");
      }
    }
    co_return Status{};
  }

  // ---- load ----
  asio::awaitable<void> UserLoop(int index) {
    auto session = factory_.Make();
    const std::size_t buyer = static_cast<std::size_t>(index) % buyers_.size();
    while (Clock::now() < end_) {
      const Action a = o_.mix.Pick(Uniform());
      auto step = DoAction(a, *session, buyer, Clock::now());
      co_await std::move(step);
      if (o_.think.count() > 0) co_await SleepUntil(Clock::now() + o_.think);
    }
    load_.Done();
  }

  asio::awaitable<void> Arrivals() {
    const auto interval = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(1.0 / o_.rate));
    for (std::uint64_t k = 0;; ++k) {
      const auto t = start_ + interval * static_cast<Clock::rep>(k);
      if (t >= end_) break;
      if (t > Clock::now()) co_await SleepUntil(t);
      if (inflight_ >= o_.max_inflight) {
        rec_->Dropped(t);
        continue;
      }
      ++inflight_;
      load_.Add();
      asio::co_spawn(io_, Arrival(t), asio::detached);
    }
    load_.Done();
  }

  asio::awaitable<void> Arrival(Clock::time_point scheduled) {
    auto session = TakeSession();
    const Action a = o_.mix.Pick(Uniform());
    auto step = DoAction(a, *session, Pick(buyers_.size()), scheduled);
    co_await std::move(step);
    GiveBack(std::move(session));
    --inflight_;
    load_.Done();
  }

  // One user action, recorded as flow.<action> from `scheduled` (the open model's intended start, so
  // a slow generator cannot hide queueing) to its end.
  asio::awaitable<void> DoAction(Action a, HttpSession& s, std::size_t buyer, Clock::time_point scheduled) {
    std::string key;
    switch (a) {
      case Action::kBrowse: {
        auto step = Browse(s);
        key = co_await std::move(step);
        break;
      }
      case Action::kSearch: {
        auto step = Search(s);
        key = co_await std::move(step);
        break;
      }
      case Action::kView: {
        auto step = View(s);
        key = co_await std::move(step);
        break;
      }
      case Action::kBuy: {
        auto step = Buy(s, buyer);
        key = co_await std::move(step);
        break;
      }
      case Action::kTrack: {
        auto step = TrackAction(s, buyer);
        key = co_await std::move(step);
        break;
      }
    }
    std::string flow = "flow." + std::string(ActionName(a));
    rec_->Flow(flow, scheduled, Clock::now(), key.empty(), key);
  }

  asio::awaitable<std::string> View(HttpSession& s) {
    const auto& p = products_[Pick(products_.size())];
    std::string target = "/catalog/products/" + std::to_string(p.id);
    auto call = Timed("catalog.get", s, Verb::kGet, e_.catalog, std::move(target), std::string(), std::string());
    Reply r = co_await std::move(call);
    co_return r.Ok() ? std::string() : "catalog.get " + ErrorKey(r);
  }

  asio::awaitable<std::string> Browse(HttpSession& s) {
    const auto& seller = sellers_[Pick(sellers_.size())];
    std::string target = "/catalog/sellers/" + std::to_string(seller.id) + "/products?size=20";
    auto call = Timed("catalog.list", s, Verb::kGet, e_.catalog, std::move(target), std::string(), std::string());
    Reply r = co_await std::move(call);
    if (!r.Ok()) co_return "catalog.list " + ErrorKey(r);
    auto view = View(s);
    co_return co_await std::move(view);
  }

  asio::awaitable<std::string> Search(HttpSession& s) {
    const auto& cat = kCategories[Pick(std::size(kCategories))];
    const bool korean = Uniform() < 0.5;
    const std::string term = korean ? cat.ko : cat.en;
    if (Uniform() < 0.5) {
      std::string target = "/search/tags/" + PercentEncode(term);
      auto call = Timed("search.tag", s, Verb::kGet, e_.search, std::move(target), std::string(), std::string());
      Reply r = co_await std::move(call);
      co_return r.Ok() ? std::string() : "search.tag " + ErrorKey(r);
    }
    std::string target = "/search/products?q=" + PercentEncode(term) + "&sort=relevance&size=20";
    auto call = Timed("search.query", s, Verb::kGet, e_.search, std::move(target), std::string(), std::string());
    Reply r = co_await std::move(call);
    co_return r.Ok() ? std::string() : "search.query " + ErrorKey(r);
  }

  asio::awaitable<std::string> TrackAction(HttpSession& s, std::size_t bi) {
    Buyer& b = buyers_[bi];
    std::string target = "/orders/users/" + std::to_string(b.id) + "/orders?page=0&size=20";
    std::string bearer = b.token;
    auto call = Timed("order.list", s, Verb::kGet, e_.order, std::move(target), std::string(), std::move(bearer));
    Reply r = co_await std::move(call);
    if (!r.Ok()) co_return "order.list " + ErrorKey(r);
    if (b.orders.empty()) co_return std::string();
    std::string one = "/orders/orders/" + b.orders[Pick(b.orders.size())];
    std::string bearer2 = b.token;
    auto call2 = Timed("order.get", s, Verb::kGet, e_.order, std::move(one), std::string(), std::move(bearer2));
    Reply r2 = co_await std::move(call2);
    co_return r2.Ok() ? std::string() : "order.get " + ErrorKey(r2);
  }

  asio::awaitable<std::string> Buy(HttpSession& s, std::size_t bi) {
    Buyer& b = buyers_[bi];
    if (b.token.empty() || Uniform() < o_.relogin || Clock::now() - b.token_at > 600s) {
      auto login = Login(s, b.login);
      auto l = co_await std::move(login);
      if (!l) co_return "member.login failed";
      b.token = l->second;
      b.token_at = Clock::now();
    }
    const auto& p = products_[Pick(products_.size())];
    json::object order{{"productId", p.id},
                       {"productCount", 1},
                       {"deliveryCompany", kCarriers[Pick(std::size(kCarriers))]},
                       {"address", "서울특별시 강남구 테헤란로 1 (loadgen " + run_id_ + ")"}};
    std::string target = "/orders";
    std::string body = json::serialize(order);
    std::string bearer = b.token;
    auto create = Timed("order.create", s, Verb::kPost, e_.order, std::move(target), std::move(body), std::move(bearer));
    Reply created = co_await std::move(create);
    if (created.status == 401) b.token.clear();
    if (!created.Ok()) co_return "order.create " + ErrorKey(created);
    auto cv = ParseJson(created.body);
    const std::string order_id = cv ? StringField(*cv, "orderId") : std::string();
    const auto amount = cv ? IntField(*cv, "amount") : std::nullopt;
    const std::string order_name = cv ? StringField(*cv, "orderName") : std::string();
    if (order_id.empty() || !amount) co_return "order.create unreadable answer";

    json::object pay{{"orderId", order_id}, {"orderName", order_name}, {"amount", *amount}, {"outcome", "approve"}};
    std::string pay_target = "/sandbox/payments";
    std::string pay_body = json::serialize(pay);
    auto window = Timed("sandbox.pay", s, Verb::kPost, e_.sandbox, std::move(pay_target), std::move(pay_body), std::string());
    Reply paid = co_await std::move(window);
    if (!paid.Ok()) co_return "sandbox.pay " + ErrorKey(paid);
    auto pv = ParseJson(paid.body);
    const std::string query = pv ? StringField(*pv, "query") : std::string();
    if (query.empty()) co_return "sandbox.pay no query";

    const auto finish_start = Clock::now();
    std::string success = "/orders/success?" + query;
    auto finish = Timed("order.success", s, Verb::kGet, e_.order, std::move(success), std::string(), std::string());
    Reply done = co_await std::move(finish);
    if (!done.Ok()) co_return "order.success " + ErrorKey(done);

    b.orders.push_back(order_id);
    if (b.orders.size() > 8) b.orders.erase(b.orders.begin());
    if (o_.track != TrackUntil::kNone) {
      trackers_.Add();
      asio::co_spawn(io_, Track(order_id, bi, finish_start), asio::detached);
    }
    co_return std::string();
  }

  // Polls one order until DELIVERY_REQUESTED (and DELIVERED with --track delivered). Latencies come
  // from the order history (server timestamps, ms): PAYMENT_REQUESTED → the first row at or past
  // DELIVERY_REQUESTED, and → DELIVERED; when the history is unreadable, from the polls.
  asio::awaitable<void> Track(std::string order_id, std::size_t bi, Clock::time_point finished) {
    const auto deadline = finished + o_.saga_timeout;
    bool requested = false;
    std::string status = "unknown";
    bool done = false;
    while (!done && !stop_ && Clock::now() < deadline) {
      co_await SleepUntil(Clock::now() + o_.poll);
      auto session = TakeSession();
      std::string target = "/orders/orders/" + order_id;
      std::string bearer = buyers_[bi].token;
      auto call = Timed("order.poll", *session, Verb::kGet, e_.order, std::move(target), std::string(), std::move(bearer));
      Reply r = co_await std::move(call);
      GiveBack(std::move(session));
      if (!r.Ok()) continue;
      auto v = ParseJson(r.body);
      if (!v) continue;
      status = StringField(*v, "status");
      std::optional<std::int64_t> paid_requested_at, requested_at, delivered_at;
      if (const auto* h = v->as_object().if_contains("history"); h && h->is_array()) {
        for (const auto& row : h->as_array()) {
          const std::string to = StringField(row, "to");
          auto at = ParseIsoMillis(StringField(row, "at"));
          if (!at) continue;
          if (to == "PAYMENT_REQUESTED" && !paid_requested_at) paid_requested_at = at;
          if (IsDeliveryRequestedOrLater(to) && !requested_at) requested_at = at;
          if (to == "DELIVERED" && !delivered_at) delivered_at = at;
        }
      }
      const auto now = Clock::now();
      auto latency = [&](std::optional<std::int64_t> at) {
        if (paid_requested_at && at) return std::chrono::microseconds{(*at - *paid_requested_at) * 1000};
        return std::chrono::duration_cast<std::chrono::microseconds>(now - finished);
      };
      if (!requested && IsDeliveryRequestedOrLater(status)) {
        requested = true;
        rec_->Saga("saga.delivery_requested", finished, now, latency(requested_at));
        if (o_.track == TrackUntil::kRequested) done = true;
      }
      if (status == "DELIVERED" && o_.track == TrackUntil::kDelivered) {
        rec_->Saga("saga.delivered", finished, now, latency(delivered_at));
        done = true;
      } else if (IsFailed(status)) {
        rec_->SagaOutcome(requested ? "saga.delivered" : "saga.delivery_requested", finished, "ended " + status);
        done = true;
      }
    }
    if (!done) {
      rec_->SagaOutcome(requested ? "saga.delivered" : "saga.delivery_requested", finished,
                        std::string(stop_ ? "unfinished at drain end, in " : "timeout in ") + status);
    }
    trackers_.Done();
  }

  asio::awaitable<void> MonitorLoop() {
    auto next = start_;
    while (!finished_ && !stop_) {
      next += 1s;
      co_await SleepUntil(next);
      monitor_->Sample(std::chrono::duration<double>(Clock::now() - start_).count());
    }
  }

  asio::awaitable<void> ProgressLoop() {
    auto next = start_;
    std::uint64_t last_ok = 0;
    for (int tick = 1; !finished_ && !stop_; ++tick) {
      next += 1s;
      co_await SleepUntil(next);
      if (tick % 5 != 0) continue;
      std::uint64_t ok = 0, err = 0;
      for (const auto& [name, st] : rec_->Steps()) {
        ok += st.ok;
        err += st.ErrorCount();
      }
      const double t = std::chrono::duration<double>(Clock::now() - start_).count();
      const bool warm = Clock::now() < rec_->WindowStart();
      const bool loading = Clock::now() < end_;
      Log(Fixed(t, 0) + " s " + (warm ? "(warm-up)" : loading ? "" : "(draining)") + " measured ok " + std::to_string(ok) +
          " (+" + std::to_string(ok - last_ok) + "), errors " + std::to_string(err) + ", in flight " +
          std::to_string(o_.model == Model::kOpen ? inflight_ : o_.users) + ", tracked orders " +
          std::to_string(trackers_.Count()));
      last_ok = ok;
    }
  }

  const Options& o_;
  const Endpoints& e_;
  asio::io_context& io_;
  SessionFactory factory_;
  std::mt19937_64 rng_;
  std::string run_id_;
  std::string password_;
  std::vector<Seller> sellers_;
  std::vector<Product> products_;
  std::vector<Buyer> buyers_;
  std::vector<std::unique_ptr<HttpSession>> idle_sessions_;
  std::optional<Recorder> rec_;
  std::optional<ProcMonitor> monitor_;
  std::optional<Error> error_;
  WaitGroup load_;
  WaitGroup trackers_;
  Clock::time_point start_{};
  Clock::time_point end_{};
  Clock::time_point load_done_{};
  int inflight_ = 0;
  bool stop_ = false;
  bool finished_ = false;
  double setup_seconds_ = 0;
  std::string loadavg_before_;
  std::string loadavg_after_;
};

}  // namespace

Result<json::object> Run(const Options& options, const Endpoints& endpoints) {
  asio::io_context io(1);
  Runner runner(options, endpoints, io);
  asio::co_spawn(io, runner.Main(), [](std::exception_ptr e) {
    if (e) std::rethrow_exception(e);
  });
  io.run();
  return runner.Results();
}

namespace {

double Num(const json::value* v) {
  if (v == nullptr) return 0;
  if (v->is_double()) return v->as_double();
  if (v->is_int64()) return static_cast<double>(v->as_int64());
  if (v->is_uint64()) return static_cast<double>(v->as_uint64());
  return 0;
}
double At(const json::object& o, std::string_view k) { return Num(o.if_contains(k)); }
std::string Fixed2(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

void LatencyRow(std::ostringstream& out, const std::string& name, const json::object& st) {
  const auto& lat = st.at("latency").as_object();
  char line[256];
  std::snprintf(line, sizeof line, "  %-26s %9.0f %9.1f %7.0f %6.2f%% %8.2f %8.2f %8.2f %8.2f %9.2f\n", name.c_str(),
                At(st, "ok"), At(st, "per_second"), At(st, "errors"), 100 * At(st, "error_rate"), At(lat, "p50_ms"),
                At(lat, "p90_ms"), At(lat, "p99_ms"), At(lat, "p999_ms"), At(lat, "max_ms"));
  out << line;
}

}  // namespace

std::string SummaryTable(const json::object& r) {
  std::ostringstream out;
  const auto& t = r.at("totals").as_object();
  const auto& opts = r.at("options").as_object();
  out << "eda-loadgen scenario '" << r.at("name").as_string().c_str() << "': " << opts.at("model").as_string().c_str()
      << " model, "
      << (opts.at("model").as_string() == "closed" ? std::to_string(static_cast<int>(At(opts, "users"))) + " users"
                                                   : Fixed2(At(opts, "rate")) + " arrivals/s")
      << ", mix " << opts.at("mix").as_string().c_str() << ", " << At(r, "measured_seconds") << " s measured after "
      << At(opts, "warmup_s") << " s warm-up\n";
  out << "  machine: " << At(r.at("machine").as_object(), "cpus") << " CPUs, load average before "
      << r.at("machine").as_object().at("loadavg_before").as_string().c_str() << ", after "
      << r.at("machine").as_object().at("loadavg_after").as_string().c_str() << "\n\n";
  char head[256];
  std::snprintf(head, sizeof head, "  %-26s %9s %9s %7s %7s %8s %8s %8s %8s %9s\n", "step (ms)", "ok", "ok/s", "errors",
                "err%", "p50", "p90", "p99", "p99.9", "max");
  out << head;
  for (const auto& [name, st] : r.at("steps").as_object()) LatencyRow(out, std::string(name), st.as_object());
  out << "\n";
  for (const auto& [name, st] : r.at("flows").as_object()) LatencyRow(out, std::string(name), st.as_object());
  out << "\n  total: " << static_cast<std::uint64_t>(At(t, "ok")) << " ok requests (" << Fixed2(At(t, "requests_per_second"))
      << " req/s), " << static_cast<std::uint64_t>(At(t, "errors")) << " errors (" << Fixed2(100 * At(t, "error_rate"))
      << "%), purchases " << static_cast<std::uint64_t>(At(t, "purchases")) << " (" << Fixed2(At(t, "purchases_per_second"))
      << "/s), sagas to DELIVERY_REQUESTED " << static_cast<std::uint64_t>(At(t, "sagas_delivery_requested")) << " ("
      << Fixed2(At(t, "sagas_delivery_requested_per_second")) << "/s), DELIVERED "
      << static_cast<std::uint64_t>(At(t, "sagas_delivered")) << ", not completed "
      << static_cast<std::uint64_t>(At(t, "sagas_not_completed")) << "\n";
  bool any_error = false;
  for (const auto* group : {"steps", "flows"}) {
    for (const auto& [name, st] : r.at(group).as_object()) {
      for (const auto& [key, n] : st.as_object().at("errors_by_code").as_object()) {
        if (!any_error) out << "  errors by step and code:\n";
        any_error = true;
        out << "    " << std::string(name) << ": " << std::string(key) << " x" << Num(&n) << "\n";
      }
    }
  }
  const auto& lg = r.at("loadgen").as_object();
  out << "  loadgen: " << Fixed2(At(lg, "cpu_seconds")) << " CPU s in the window, " << At(lg, "requests_per_cpu_second")
      << " requests per CPU second (" << opts.at("client").as_string().c_str() << " client)\n\n";
  char ph[160];
  std::snprintf(ph, sizeof ph, "  %-14s %8s %9s %9s %12s %12s\n", "process", "pid", "cpu avg%", "cpu max%", "RSS idle MiB",
                "RSS max MiB");
  out << ph;
  for (const auto& [name, p] : r.at("processes").as_object()) {
    const auto& o = p.as_object();
    char line[200];
    std::snprintf(line, sizeof line, "  %-14s %8.0f %9.1f %9.1f %12.1f %12.1f\n", std::string(name).c_str(), At(o, "pid"),
                  At(o, "cpu_avg_pct"), At(o, "cpu_max_pct"), At(o, "rss_idle_mib"), At(o, "rss_max_mib"));
    out << line;
  }
  return out.str();
}

}  // namespace eda::loadgen
