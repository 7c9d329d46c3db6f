// eda-benchreport: turns eda-loadgen result files into report.md, results.json and SVG plots.
//   eda-benchreport --out DIR [--title T] [--note TEXT]... [--section TITLE=FILE]... results.json...
// A results file is one eda-loadgen --json output, or an earlier report's results.json (its scenarios).
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "loadgen/report.hpp"

namespace {
int Usage() {
  std::cerr << "usage: eda-benchreport --out DIR [--title T] [--note TEXT]... [--section TITLE=FILE]... "
               "scenario.json...\n";
  return 2;
}
std::string ReadAll(const std::string& path, bool& ok) {
  std::ifstream in(path);
  ok = static_cast<bool>(in);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}
}  // namespace

int main(int argc, char** argv) {
  eda::loadgen::ReportInput input;
  std::string out;
  bool title_given = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
    if (arg == "--help" || arg == "-h") return Usage();
    if (arg == "--out" || arg == "--title" || arg == "--note" || arg == "--section") {
      const char* v = value();
      if (!v) return Usage();
      if (arg == "--out") out = v;
      else if (arg == "--title") {
        input.title = v;
        title_given = true;
      }
      else if (arg == "--note") input.notes.emplace_back(v);
      else {
        const std::string s = v;
        const auto eq = s.find('=');
        if (eq == std::string::npos) return Usage();
        bool ok = false;
        std::string text = ReadAll(s.substr(eq + 1), ok);
        if (!ok) text = "(not available: " + s.substr(eq + 1) + " missing)\n";
        input.sections.emplace_back(s.substr(0, eq), text);
      }
      continue;
    }
    bool ok = false;
    const std::string text = ReadAll(arg, ok);
    boost::system::error_code ec;
    auto v = boost::json::parse(text, ec);
    if (!ok || ec || !v.is_object()) {
      std::cerr << "eda-benchreport: " << arg << " is not a loadgen results file; skipped\n";
      continue;
    }
    // A combined results.json of an earlier report: regenerate from its scenarios.
    if (const auto* list = v.as_object().if_contains("scenarios"); list && list->is_array()) {
      for (const auto& s : list->as_array()) {
        if (s.is_object()) input.scenarios.push_back(s.as_object());
      }
      // Its notes and sections come along (before the ones given on this command line).
      if (const auto* notes = v.as_object().if_contains("notes"); notes && notes->is_array()) {
        std::size_t at = 0;
        for (const auto& n : notes->as_array()) {
          if (n.is_string()) input.notes.insert(input.notes.begin() + static_cast<std::ptrdiff_t>(at++), std::string(n.as_string()));
        }
      }
      if (const auto* secs = v.as_object().if_contains("sections"); secs && secs->is_array()) {
        std::size_t at = 0;
        for (const auto& sec : secs->as_array()) {
          if (!sec.is_object()) continue;
          const auto* t = sec.as_object().if_contains("title");
          const auto* x = sec.as_object().if_contains("text");
          if (t && x && t->is_string() && x->is_string()) {
            input.sections.insert(input.sections.begin() + static_cast<std::ptrdiff_t>(at++),
                                  {std::string(t->as_string()), std::string(x->as_string())});
          }
        }
      }
      if (const auto* title = v.as_object().if_contains("title"); title && title->is_string() && !title_given) {
        input.title = std::string(title->as_string());
      }
      continue;
    }
    input.scenarios.push_back(std::move(v.as_object()));
  }
  if (out.empty()) return Usage();
  std::error_code fec;
  std::filesystem::create_directories(out, fec);
  auto st = eda::loadgen::WriteReport(input, out);
  if (!st) {
    std::cerr << "eda-benchreport: " << st.error().message << "\n";
    return 1;
  }
  std::cout << boost::json::serialize(eda::loadgen::Headline(input)) << "\n";
  return 0;
}
