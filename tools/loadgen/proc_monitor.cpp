#include "loadgen/proc_monitor.hpp"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <boost/json/array.hpp>

namespace eda::loadgen {
namespace fs = std::filesystem;

namespace {
std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  if (!in) return {};
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}
}  // namespace

std::optional<double> CpuSecondsFromStat(const std::string& stat, long ticks_per_second) {
  // The command name (field 2) is in parentheses and may contain spaces: parse after the last ')'.
  const auto close = stat.rfind(')');
  if (close == std::string::npos || ticks_per_second <= 0) return std::nullopt;
  std::istringstream in(stat.substr(close + 1));
  std::string field;
  // After ')': field 3 (state) is the first token; utime is field 14, stime 15.
  unsigned long long utime = 0, stime = 0;
  for (int f = 3; f <= 15; ++f) {
    if (!(in >> field)) return std::nullopt;
    if (f == 14) utime = std::stoull(field);
    if (f == 15) stime = std::stoull(field);
  }
  return static_cast<double>(utime + stime) / static_cast<double>(ticks_per_second);
}

std::optional<std::uint64_t> RssKibFromStatus(const std::string& status) {
  const auto pos = status.find("VmRSS:");
  if (pos == std::string::npos) return std::nullopt;
  std::istringstream in(status.substr(pos + 6));
  std::uint64_t kib = 0;
  if (!(in >> kib)) return std::nullopt;
  return kib;
}

std::optional<ProcSample> ReadProc(int pid) {
  static const long kTicks = sysconf(_SC_CLK_TCK);
  const std::string base = "/proc/" + std::to_string(pid);
  auto cpu = CpuSecondsFromStat(ReadAll(base + "/stat"), kTicks);
  auto rss = RssKibFromStatus(ReadAll(base + "/status"));
  if (!cpu || !rss) return std::nullopt;
  return ProcSample{*cpu, *rss};
}

ProcMonitor::ProcMonitor(const std::string& state_dir) {
  std::error_code ec;
  if (!state_dir.empty() && fs::is_directory(state_dir, ec)) {
    for (const auto& entry : fs::directory_iterator(state_dir, ec)) {
      if (!entry.is_directory()) continue;
      const std::string name = entry.path().filename().string();
      const auto pidfile = entry.path() / (name + ".pid");
      const std::string text = ReadAll(pidfile.string());
      int pid = 0;
      for (char c : text) {
        if (c >= '0' && c <= '9') pid = pid * 10 + (c - '0');
      }
      if (pid > 0 && ReadProc(pid)) procs_.push_back(Proc{name, pid, std::nullopt, 0, {}, 0});
    }
  }
  std::sort(procs_.begin(), procs_.end(), [](const Proc& a, const Proc& b) { return a.name < b.name; });
  procs_.push_back(Proc{"loadgen", static_cast<int>(getpid()), std::nullopt, 0, {}, 0});
}

void ProcMonitor::Sample(double t) {
  for (auto& p : procs_) {
    auto s = ReadProc(p.pid);
    if (!s) continue;
    double cpu_pct = 0;
    if (p.last && t > p.last_t) {
      const double used = s->cpu_seconds - p.last->cpu_seconds;
      cpu_pct = 100.0 * used / (t - p.last_t);
      const double mid = (t + p.last_t) / 2;
      if (mid >= window_from_ && mid < window_to_) p.window_cpu_seconds += used;
    }
    p.points.push_back(Point{t, p.last ? cpu_pct : 0.0, static_cast<double>(s->rss_kib) / 1024.0});
    p.last = s;
    p.last_t = t;
  }
}

boost::json::object ProcMonitor::ToJson() const {
  boost::json::object out;
  const double window = window_to_ > window_from_ ? window_to_ - window_from_ : 0;
  for (const auto& p : procs_) {
    double rss_max = 0, rss_sum = 0, cpu_max = 0;
    std::size_t in_window = 0;
    boost::json::array series;
    for (const auto& pt : p.points) {
      series.push_back(boost::json::array{std::round(pt.t * 10) / 10, std::round(pt.cpu_pct * 10) / 10,
                                          std::round(pt.rss_mib * 10) / 10});
      if (pt.t >= window_from_ && pt.t <= window_to_ + 0.5) {
        rss_max = std::max(rss_max, pt.rss_mib);
        rss_sum += pt.rss_mib;
        cpu_max = std::max(cpu_max, pt.cpu_pct);
        ++in_window;
      }
    }
    const double idle = p.points.empty() ? 0 : p.points.front().rss_mib;
    out[p.name] = boost::json::object{
        {"pid", p.pid},
        {"rss_idle_mib", std::round(idle * 10) / 10},
        {"rss_max_mib", std::round(rss_max * 10) / 10},
        {"rss_avg_mib", in_window ? std::round(rss_sum / static_cast<double>(in_window) * 10) / 10 : 0.0},
        {"cpu_avg_pct", window > 0 ? std::round(1000.0 * p.window_cpu_seconds / window) / 10 : 0.0},
        {"cpu_max_pct", std::round(cpu_max * 10) / 10},
        {"cpu_seconds", std::round(p.window_cpu_seconds * 100) / 100},
        {"series", std::move(series)}};
  }
  return out;
}

}  // namespace eda::loadgen
