#include "loadgen/report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include "loadgen/svg_chart.hpp"

namespace eda::loadgen {
namespace json = boost::json;

namespace {

double Num(const json::value* v) {
  if (v == nullptr) return 0;
  if (v->is_double()) return v->as_double();
  if (v->is_int64()) return static_cast<double>(v->as_int64());
  if (v->is_uint64()) return static_cast<double>(v->as_uint64());
  return 0;
}
const json::object* Obj(const json::object& o, std::string_view k) {
  const auto* v = o.if_contains(k);
  return v && v->is_object() ? &v->as_object() : nullptr;
}
double At(const json::object* o, std::string_view k) { return o ? Num(o->if_contains(k)) : 0; }
std::string Str(const json::object& o, std::string_view k) {
  const auto* v = o.if_contains(k);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}
std::string F(double v, int digits = 1) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}
bool StartsWith(const std::string& s, std::string_view p) { return s.rfind(p, 0) == 0; }

ChartSpec Spec(std::string title, std::string x, std::string y, bool log_y,
               std::vector<std::pair<double, std::string>> ticks = {}) {
  ChartSpec c;
  c.title = std::move(title);
  c.x_label = std::move(x);
  c.y_label = std::move(y);
  c.log_y = log_y;
  c.x_ticks = std::move(ticks);
  return c;
}

const json::object* Find(const ReportInput& in, std::string_view prefix) {
  for (const auto& s : in.scenarios) {
    if (StartsWith(Str(s, "name"), prefix)) return &s;
  }
  return nullptr;
}

bool IsService(const std::string& name) {
  return name != "loadgen" && name != "mariadb" && name != "redis" && name != "cassandra" && !StartsWith(name, "kafka");
}

bool WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path);
  out << text;
  return static_cast<bool>(out);
}

}  // namespace

json::object CpuMsPerPurchase(const json::object& scenario) {
  json::object out;
  const double purchases = At(Obj(scenario, "totals"), "purchases");
  const auto* procs = Obj(scenario, "processes");
  if (!procs || purchases <= 0) return out;
  double all = 0;
  for (const auto& [name, p] : *procs) {
    if (!p.is_object()) continue;
    const double ms = 1000.0 * At(&p.as_object(), "cpu_seconds") / purchases;
    out[name] = std::round(ms * 100) / 100;
    if (std::string(name) != "loadgen") all += ms;
  }
  out["all but loadgen"] = std::round(all * 100) / 100;
  return out;
}

json::object Headline(const ReportInput& in) {
  json::object h;
  if (const auto* read = Find(in, "read")) {
    const auto* t = Obj(*read, "totals");
    h["read_requests_per_second"] = std::round(At(t, "requests_per_second"));
    h["read_error_rate"] = At(t, "error_rate");
    h["read_p99_ms"] = At(t ? Obj(*t, "latency") : nullptr, "p99_ms");
  }
  double best = -1;
  const json::object* best_s = nullptr;
  for (const auto& s : in.scenarios) {
    if (!StartsWith(Str(s, "name"), "checkout")) continue;
    const double v = At(Obj(s, "totals"), "sagas_delivery_requested_per_second");
    if (v > best) {
      best = v;
      best_s = &s;
    }
  }
  if (best_s) {
    const auto* t = Obj(*best_s, "totals");
    h["saturation_scenario"] = Str(*best_s, "name");
    h["saturation_purchases_per_second"] = std::round(At(t, "purchases_per_second") * 100) / 100;
    h["saturation_sagas_per_second"] = std::round(best * 100) / 100;
    h["saturation_purchase_error_rate"] = At(Obj(*best_s, "totals"), "error_rate");
    const auto* flows = Obj(*best_s, "flows");
    h["saturation_buy_p99_ms"] = At(flows && Obj(*flows, "flow.buy") ? Obj(*Obj(*flows, "flow.buy"), "latency") : nullptr, "p99_ms");
    // Hottest service under saturation.
    if (const auto* procs = Obj(*best_s, "processes")) {
      double hot = -1;
      std::string hot_name;
      for (const auto& [name, p] : *procs) {
        const std::string n(name);
        if (!IsService(n) || !p.is_object()) continue;
        const double cpu = At(&p.as_object(), "cpu_avg_pct");
        if (cpu > hot) {
          hot = cpu;
          hot_name = n;
        }
      }
      if (!hot_name.empty()) {
        h["hottest_service"] = hot_name;
        h["hottest_service_cpu_pct"] = hot;
      }
    }
  }
  // The rate search (bench.sh marks each rate-R run): the highest sustainable rate and where the CPU
  // went at it.
  const json::object* sustained = nullptr;
  for (const auto& s : in.scenarios) {
    const auto* mark = Obj(s, "rate_search");
    if (!mark || !mark->contains("sustainable") || !mark->at("sustainable").is_bool() || !mark->at("sustainable").as_bool())
      continue;
    if (!sustained || At(mark, "target_rate") > At(Obj(*sustained, "rate_search"), "target_rate")) sustained = &s;
  }
  if (sustained) {
    const auto* flows = Obj(*sustained, "flows");
    const auto* req = flows ? Obj(*flows, "saga.delivery_requested") : nullptr;
    h["sustainable_saga_rate_per_second"] = At(Obj(*sustained, "rate_search"), "target_rate");
    h["sustainable_p50_ms"] = At(req ? Obj(*req, "latency") : nullptr, "p50_ms");
    h["sustainable_p99_ms"] = At(req ? Obj(*req, "latency") : nullptr, "p99_ms");
    h["sustainable_cpu_ms_per_purchase"] = CpuMsPerPurchase(*sustained);
  }
  if (const auto* saga = Find(in, "saga")) {
    const auto* flows = Obj(*saga, "flows");
    const auto* req = flows ? Obj(*flows, "saga.delivery_requested") : nullptr;
    const auto* del = flows ? Obj(*flows, "saga.delivered") : nullptr;
    h["saga_rate_per_second"] = At(Obj(*saga, "options"), "rate");
    h["saga_to_delivery_requested_p50_ms"] = At(req ? Obj(*req, "latency") : nullptr, "p50_ms");
    h["saga_to_delivery_requested_p99_ms"] = At(req ? Obj(*req, "latency") : nullptr, "p99_ms");
    h["saga_to_delivered_p50_ms"] = At(del ? Obj(*del, "latency") : nullptr, "p50_ms");
    h["saga_to_delivered_p99_ms"] = At(del ? Obj(*del, "latency") : nullptr, "p99_ms");
    h["saga_completed"] = At(req, "ok");
    h["saga_not_completed"] = At(req, "errors");
  }
  // Memory: idle = the first sample of the first scenario; under load = the max over all scenarios.
  json::object memory;
  for (const auto& s : in.scenarios) {
    const auto* procs = Obj(s, "processes");
    if (!procs) continue;
    for (const auto& [name, p] : *procs) {
      if (!p.is_object()) continue;
      const std::string n(name);
      auto& m = memory[n];
      if (!m.is_object()) m = json::object{{"rss_idle_mib", At(&p.as_object(), "rss_idle_mib")}, {"rss_max_mib", 0.0}, {"cpu_max_avg_pct", 0.0}};
      auto& mo = m.as_object();
      mo["rss_max_mib"] = std::max(At(&mo, "rss_max_mib"), At(&p.as_object(), "rss_max_mib"));
      mo["cpu_max_avg_pct"] = std::max(At(&mo, "cpu_max_avg_pct"), At(&p.as_object(), "cpu_avg_pct"));
    }
  }
  h["processes"] = std::move(memory);
  return h;
}

Status WriteReport(const ReportInput& in, const std::string& dir) {
  const json::object headline = Headline(in);
  json::array scenarios;
  for (const auto& s : in.scenarios) scenarios.push_back(s);
  json::array notes;
  for (const auto& n : in.notes) notes.push_back(json::string(n));
  json::array sections;
  for (const auto& [title, text] : in.sections) sections.push_back(json::object{{"title", title}, {"text", text}});
  json::object all{{"title", in.title},
                   {"headline", headline},
                   {"notes", std::move(notes)},
                   {"sections", std::move(sections)},
                   {"scenarios", std::move(scenarios)}};
  if (!WriteFile(dir + "/results.json", json::serialize(all) + "\n")) {
    return Error{"loadgen.report", "cannot write " + dir + "/results.json", false};
  }

  std::ostringstream md;
  md << "# " << in.title << "\n\n";
  if (!in.notes.empty()) {
    md << "## Conditions\n\n";
    for (const auto& n : in.notes) md << "- " << n << "\n";
    md << "\n";
  }
  md << "## Headline figures\n\n| figure | value |\n|---|---|\n";
  auto row = [&](const std::string& label, const std::string& value) { md << "| " << label << " | " << value << " |\n"; };
  const auto* h = &headline;
  if (h->contains("read_requests_per_second")) {
    row("read-heavy mix: requests/s (all steps, measured window)", F(At(h, "read_requests_per_second"), 0) + " (p99 " +
                                                                     F(At(h, "read_p99_ms"), 1) + " ms, errors " +
                                                                     F(100 * At(h, "read_error_rate"), 2) + " %)");
  }
  if (h->contains("saturation_sagas_per_second")) {
    row("checkout saturation: completed purchases/s (finish → DELIVERY_REQUESTED within the run)",
        F(At(h, "saturation_sagas_per_second"), 2) + " (" + Str(*h, "saturation_scenario") + ")");
    row("checkout saturation: purchases through the success page/s", F(At(h, "saturation_purchases_per_second"), 2) +
                                                                         " (buy flow p99 " + F(At(h, "saturation_buy_p99_ms"), 0) + " ms)");
    if (h->contains("hottest_service")) {
      row("hottest service under saturation", Str(*h, "hottest_service") + " at " + F(At(h, "hottest_service_cpu_pct"), 0) +
                                                  " % of one core");
    }
  }
  if (h->contains("sustainable_saga_rate_per_second")) {
    row("sustainable saga rate (highest fixed arrival rate: finish → DELIVERY_REQUESTED p99 < 1 s, nothing left behind)",
        F(At(h, "sustainable_saga_rate_per_second"), 0) + " purchases/s (p50 " + F(At(h, "sustainable_p50_ms"), 0) + " ms, p99 " +
            F(At(h, "sustainable_p99_ms"), 0) + " ms)");
    row("CPU-ms per purchase at that rate, all processes but the load generator",
        F(At(Obj(*h, "sustainable_cpu_ms_per_purchase"), "all but loadgen"), 1));
  }
  if (h->contains("saga_to_delivery_requested_p50_ms")) {
    row("saga at " + F(At(h, "saga_rate_per_second"), 2) + " buys/s: finish → DELIVERY_REQUESTED p50 / p99",
        F(At(h, "saga_to_delivery_requested_p50_ms"), 0) + " / " + F(At(h, "saga_to_delivery_requested_p99_ms"), 0) + " ms");
    row("saga: finish → DELIVERED p50 / p99 (carrier step and poll interval included)",
        F(At(h, "saga_to_delivered_p50_ms"), 0) + " / " + F(At(h, "saga_to_delivered_p99_ms"), 0) + " ms");
    row("saga: orders completed / not completed", F(At(h, "saga_completed"), 0) + " / " + F(At(h, "saga_not_completed"), 0));
  }
  md << "\n## Memory and CPU per process\n\nRSS idle = first sample of the first scenario (fresh stack after the data "
        "set was created); max = the largest sample over all scenarios. CPU = the highest scenario average (100 % = one core).\n\n"
        "| process | RSS idle MiB | RSS max MiB | CPU avg % (busiest scenario) |\n|---|---|---|---|\n";
  if (const auto* procs = Obj(headline, "processes")) {
    for (const auto& [name, p] : *procs) {
      md << "| " << std::string(name) << " | " << F(At(&p.as_object(), "rss_idle_mib")) << " | "
         << F(At(&p.as_object(), "rss_max_mib")) << " | " << F(At(&p.as_object(), "cpu_max_avg_pct")) << " |\n";
    }
  }

  // The rate search, run by run, and the CPU each process spent per purchase in every scenario.
  bool searched = false;
  for (const auto& s : in.scenarios) {
    const auto* mark = Obj(s, "rate_search");
    if (!mark) continue;
    if (!searched) {
      md << "\n## Sustainable saga rate search\n\n| target/s | achieved purchases/s | finish → DELIVERY_REQUESTED p50 ms | p99 ms "
            "| not completed | verdict |\n|---|---|---|---|---|---|\n";
      searched = true;
    }
    const auto* flows = Obj(s, "flows");
    const auto* req = flows ? Obj(*flows, "saga.delivery_requested") : nullptr;
    const bool ok = mark->contains("sustainable") && mark->at("sustainable").is_bool() && mark->at("sustainable").as_bool();
    md << "| " << F(At(mark, "target_rate"), 0) << " | " << F(At(Obj(s, "totals"), "purchases_per_second"), 1) << " | "
       << F(At(req ? Obj(*req, "latency") : nullptr, "p50_ms"), 0) << " | " << F(At(req ? Obj(*req, "latency") : nullptr, "p99_ms"), 0)
       << " | " << F(At(Obj(s, "totals"), "sagas_not_completed"), 0) << " | "
       << (ok ? std::string("sustainable") : "not: " + Str(*mark, "why_not")) << " |\n";
  }
  std::vector<std::string> columns;
  for (const auto& s : in.scenarios) {
    for (const auto& [name, v] : CpuMsPerPurchase(s))
      if (std::find(columns.begin(), columns.end(), std::string(name)) == columns.end()) columns.emplace_back(name);
  }
  if (!columns.empty()) {
    md << "\n## CPU-milliseconds per purchase, per process\n\nCPU time of each process in the measured window divided by the "
          "purchases (success pages) of that window; the saga work of a purchase lands in the same window in steady state.\n\n"
          "| scenario |";
    for (const auto& c : columns) md << " " << c << " |";
    md << "\n|---|";
    for (std::size_t i = 0; i < columns.size(); ++i) md << "---|";
    md << "\n";
    for (const auto& s : in.scenarios) {
      const json::object cpu = CpuMsPerPurchase(s);
      if (cpu.empty()) continue;
      md << "| " << Str(s, "name") << " |";
      for (const auto& c : columns) md << " " << (cpu.contains(c) ? F(Num(cpu.if_contains(c)), 2) : std::string("-")) << " |";
      md << "\n";
    }
  }

  for (const auto& s : in.scenarios) {
    const std::string name = Str(s, "name");
    const auto* opts = Obj(s, "options");
    const auto* t = Obj(s, "totals");
    md << "\n## Scenario `" << name << "`\n\n";
    if (opts) {
      md << "- " << Str(*opts, "model") << " model, "
         << (Str(*opts, "model") == "closed" ? F(At(opts, "users"), 0) + " users" : F(At(opts, "rate"), 2) + " arrivals/s")
         << ", mix `" << Str(*opts, "mix") << "`, " << F(At(opts, "duration_s"), 0) << " s measured after "
         << F(At(opts, "warmup_s"), 0) << " s warm-up, tracking `" << Str(*opts, "track") << "` every "
         << F(At(opts, "poll_ms"), 0) << " ms, client " << Str(*opts, "client") << "\n";
    }
    if (const auto* m = Obj(s, "machine")) {
      md << "- load average before " << Str(*m, "loadavg_before") << ", after " << Str(*m, "loadavg_after") << " ("
         << F(At(m, "cpus"), 0) << " CPUs)\n";
    }
    md << "- " << F(At(t, "ok"), 0) << " ok requests (" << F(At(t, "requests_per_second"), 1) << "/s), " << F(At(t, "errors"), 0)
       << " errors (" << F(100 * At(t, "error_rate"), 2) << " %), purchases " << F(At(t, "purchases"), 0) << " ("
       << F(At(t, "purchases_per_second"), 2) << "/s), sagas to DELIVERY_REQUESTED " << F(At(t, "sagas_delivery_requested"), 0)
       << " (" << F(At(t, "sagas_delivery_requested_per_second"), 2) << "/s), DELIVERED " << F(At(t, "sagas_delivered"), 0)
       << ", not completed " << F(At(t, "sagas_not_completed"), 0) << "\n";
    if (const auto* lg = Obj(s, "loadgen")) {
      md << "- load generator: " << F(At(lg, "cpu_seconds"), 2) << " CPU s, " << F(At(lg, "requests_per_cpu_second"), 0)
         << " requests per CPU second\n";
    }
    md << "\n| step / flow | ok | ok/s | errors | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms |\n|---|---|---|---|---|---|---|---|---|\n";
    std::vector<Series> spectrum;
    std::string errors_md;
    for (const char* group : {"steps", "flows"}) {
      const auto* g = Obj(s, group);
      if (!g) continue;
      for (const auto& [step, v] : *g) {
        const auto& st = v.as_object();
        const auto* lat = Obj(st, "latency");
        md << "| " << std::string(step) << " | " << F(At(&st, "ok"), 0) << " | " << F(At(&st, "per_second"), 1) << " | "
           << F(At(&st, "errors"), 0) << " | " << F(At(lat, "p50_ms"), 2) << " | " << F(At(lat, "p90_ms"), 2) << " | "
           << F(At(lat, "p99_ms"), 2) << " | " << F(At(lat, "p999_ms"), 2) << " | " << F(At(lat, "max_ms"), 2) << " |\n";
        if (const auto* by = Obj(st, "errors_by_code")) {
          for (const auto& [code, n] : *by) {
            errors_md += "  - " + std::string(step) + ": `" + std::string(code) + "` × " + F(Num(&n), 0) + "\n";
          }
        }
        const bool saga = StartsWith(std::string(step), "saga.");
        if (const auto* hist = st.if_contains("histogram_us"); hist && hist->is_array() && !saga &&
                                                               (std::string(group) == "steps" || std::string(step) == "flow.buy")) {
          std::vector<std::pair<std::uint64_t, std::uint64_t>> buckets;
          for (const auto& b : hist->as_array()) {
            const auto& pair = b.as_array();
            buckets.emplace_back(static_cast<std::uint64_t>(Num(&pair[0])), static_cast<std::uint64_t>(Num(&pair[1])));
          }
          spectrum.push_back(Series{std::string(step), PercentileSpectrum(buckets, 0.001)});
        }
      }
    }
    if (!errors_md.empty()) md << "\nErrors by step and code:\n\n" << errors_md;

    ChartSpec lat = Spec(name + ": latency by percentile", "percentile", "latency, ms", true, PercentileTicks(3));
    WriteFile(dir + "/" + name + "-latency.svg", LineChart(lat, spectrum));

    std::vector<Series> thr(4), lat_t(2), sagas(2);
    thr[0].label = "requests/s";
    thr[1].label = "errors/s";
    thr[2].label = "purchases/s";
    thr[3].label = "sagas → DELIVERY_REQ./s";
    lat_t[0].label = "p50 all requests";
    lat_t[1].label = "p99 all requests";
    std::vector<Series> buy_t(2);
    buy_t[0].label = "buy flow p50";
    buy_t[1].label = "buy flow p99";
    if (const auto* series = s.if_contains("series"); series && series->is_array()) {
      for (const auto& p : series->as_array()) {
        const auto& o = p.as_object();
        const double x = At(&o, "t");
        thr[0].points.emplace_back(x, At(&o, "requests"));
        thr[1].points.emplace_back(x, At(&o, "errors"));
        thr[2].points.emplace_back(x, At(&o, "purchases"));
        thr[3].points.emplace_back(x, At(&o, "sagas_requested"));
        if (At(&o, "requests") > 0) {
          lat_t[0].points.emplace_back(x, At(&o, "p50_ms"));
          lat_t[1].points.emplace_back(x, At(&o, "p99_ms"));
        }
        if (At(&o, "purchases") > 0) {
          buy_t[0].points.emplace_back(x, At(&o, "buy_p50_ms"));
          buy_t[1].points.emplace_back(x, At(&o, "buy_p99_ms"));
        }
      }
    }
    const bool buys = At(t, "purchases") > 0;
    std::vector<Series> purchases;
    if (buys) {
      purchases.push_back(std::move(thr[2]));
      purchases.push_back(std::move(thr[3]));
    }
    thr.resize(2);
    ChartSpec ts = Spec(name + ": throughput per second (t < 0: warm-up)", "seconds since the measured window started", "per second", false);
    const double measured = At(opts, "duration_s");
    ts.band_from = 0;
    ts.band_to = measured;
    ts.band_label = "measured window";
    WriteFile(dir + "/" + name + "-throughput.svg", LineChart(ts, thr));
    if (buys) {
      ChartSpec ps = Spec(name + ": purchases and completed sagas per second", "seconds since the measured window started",
                          "per second", false);
      ps.band_from = 0;
      ps.band_to = measured;
      ps.band_label = "measured window";
      WriteFile(dir + "/" + name + "-purchases.svg", LineChart(ps, purchases));
    }
    for (auto& b : buy_t) lat_t.push_back(std::move(b));
    ChartSpec lt = Spec(name + ": latency per second", "seconds since the measured window started", "ms", true);
    lt.band_from = 0;
    lt.band_to = measured;
    lt.band_label = "measured window";
    WriteFile(dir + "/" + name + "-latency-time.svg", LineChart(lt, lat_t));
    std::vector<Series> cpu;
    if (const auto* procs = Obj(s, "processes")) {
      for (const auto& [pname, p] : *procs) {
        Series c{std::string(pname), {}};
        const double warm = At(opts, "warmup_s");
        if (const auto* ser = p.as_object().if_contains("series"); ser && ser->is_array()) {
          for (const auto& pt : ser->as_array()) {
            const auto& a = pt.as_array();
            c.points.emplace_back(Num(&a[0]) - warm, Num(&a[1]));
          }
        }
        if (!c.points.empty()) c.points.erase(c.points.begin());  // the first sample has no interval
        cpu.push_back(std::move(c));
      }
    }
    ChartSpec cs = Spec(name + ": CPU per process (100 = one core)", "seconds since the measured window started", "CPU %", false);
    cs.band_from = 0;
    cs.band_to = measured;
    cs.band_label = "measured window";
    WriteFile(dir + "/" + name + "-cpu.svg", LineChart(cs, cpu));
    md << "\n![latency by percentile](" << name << "-latency.svg)\n![throughput](" << name << "-throughput.svg)\n";
    if (buys) md << "![purchases and sagas](" << name << "-purchases.svg)\n";
    md << "![latency over time](" << name << "-latency-time.svg)\n![CPU per process](" << name << "-cpu.svg)\n";
  }
  for (const auto& [title, text] : in.sections) {
    md << "\n## " << title << "\n\n```\n" << text << (text.empty() || text.back() == '\n' ? "" : "\n") << "```\n";
  }
  if (!WriteFile(dir + "/report.md", md.str())) return Error{"loadgen.report", "cannot write " + dir + "/report.md", false};
  return Status{};
}

}  // namespace eda::loadgen
