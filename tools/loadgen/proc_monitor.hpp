#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

namespace eda::loadgen {

// CPU time and resident memory of one process, from /proc/<pid>/stat (utime+stime) and
// /proc/<pid>/status (VmRSS). nullopt when the process is gone or unreadable.
struct ProcSample {
  double cpu_seconds = 0;
  std::uint64_t rss_kib = 0;
};
std::optional<ProcSample> ReadProc(int pid);

// Parses the text of /proc/<pid>/stat and /proc/<pid>/status (exposed for the unit test).
std::optional<double> CpuSecondsFromStat(const std::string& stat, long ticks_per_second);
std::optional<std::uint64_t> RssKibFromStatus(const std::string& status);

// Samples every server and service of one profile state directory (var/<profile>/<name>/<name>.pid,
// the layout of deploy/lib/common.sh comp_pidfile) plus this process, once per Sample() call.
// Single-threaded.
class ProcMonitor {
 public:
  // Finds the pid files under `state_dir` (none found: an empty monitor, only "loadgen").
  explicit ProcMonitor(const std::string& state_dir);

  // Takes one sample of every process at `t` seconds since the run started.
  void Sample(double t);
  // Marks the measured window (seconds since start) for the summary figures.
  void SetWindow(double from, double to) { window_from_ = from; window_to_ = to; }
  std::size_t ProcessCount() const noexcept { return procs_.size(); }

  // {name: {pid, rss_idle_mib, rss_max_mib, rss_avg_mib, cpu_avg_pct, cpu_max_pct, cpu_seconds,
  //  series: [[t, cpu_pct, rss_mib], ...]}}; idle = first sample (before the load).
  boost::json::object ToJson() const;

 private:
  struct Point {
    double t;
    double cpu_pct;  // since the previous sample (one core = 100)
    double rss_mib;
  };
  struct Proc {
    std::string name;
    int pid = 0;
    std::optional<ProcSample> last;
    double last_t = 0;
    std::vector<Point> points;
    double window_cpu_seconds = 0;
  };
  std::vector<Proc> procs_;
  double window_from_ = 0;
  double window_to_ = 1e18;
};

}  // namespace eda::loadgen
