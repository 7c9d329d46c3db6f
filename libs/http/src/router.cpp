#include "eda/http/router.hpp"

#include <algorithm>
#include <stdexcept>

#include <boost/container/small_vector.hpp>

namespace eda::http {
namespace {

// Splits "/a/b/" into {"a","b"}; "/" into {}. One trailing slash is ignored.
using Parts = boost::container::small_vector<std::string_view, 8>;  // no allocation for usual paths

Parts SplitPath(std::string_view path) {
  Parts out;
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  if (!path.empty() && path.back() == '/') path.remove_suffix(1);
  while (true) {
    auto slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  if (out.size() == 1 && out[0].empty()) out.clear();
  return out;
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Percent-decodes a path segment; invalid escapes are kept literally.
std::string DecodeSegment(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      int hi = HexDigit(s[i + 1]), lo = HexDigit(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

bool SameShape(const Route& a, const std::vector<Route::Segment>& b) {
  if (a.segments.size() != b.size()) return false;
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (a.segments[i].is_param != b[i].is_param) return false;
    if (!b[i].is_param && a.segments[i].text != b[i].text) return false;
  }
  return true;
}

// Matches `parts` against `route`; returns a score (bit set per literal position, earlier positions
// weigh more) or -1 on mismatch.
long long MatchScore(const Route& route, const Parts& parts) {
  if (route.segments.size() != parts.size()) return -1;
  long long score = 0;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const auto& seg = route.segments[i];
    score <<= 1;
    if (seg.is_param) {
      if (parts[i].empty()) return -1;
    } else {
      if (seg.text != parts[i]) return -1;
      score |= 1;
    }
  }
  return score;
}

}  // namespace

Router::Router() = default;
Router::~Router() = default;
Router::Router(Router&&) noexcept = default;
Router& Router::operator=(Router&&) noexcept = default;

Route& Router::Add(Method method, std::string_view pattern, Handler handler, RouteOptions options) {
  if (pattern.empty() || pattern.front() != '/') {
    throw std::invalid_argument("route pattern must start with '/': " + std::string(pattern));
  }
  auto route = std::make_unique<Route>();
  route->method = method;
  route->pattern = std::string(pattern);
  route->handler = std::move(handler);
  if (!options.roles.empty()) options.auth = AuthMode::kRequired;
  route->options = std::move(options);
  for (auto part : SplitPath(pattern)) {
    Route::Segment seg;
    bool open = !part.empty() && part.front() == '{';
    bool close = !part.empty() && part.back() == '}';
    if (open != close || part.empty() ||
        (!open && (part.find('{') != std::string_view::npos || part.find('}') != std::string_view::npos))) {
      throw std::invalid_argument("malformed route pattern: " + std::string(pattern));
    }
    if (open) {
      if (part.size() < 3) throw std::invalid_argument("empty parameter name in route: " + std::string(pattern));
      seg.text = std::string(part.substr(1, part.size() - 2));
      seg.is_param = true;
    } else {
      seg.text = std::string(part);
    }
    route->segments.push_back(std::move(seg));
  }
  for (const auto& r : routes_) {
    if (r->method == method && SameShape(*r, route->segments)) {
      throw std::invalid_argument("duplicate route: " + std::string(ToString(method)) + " " + std::string(pattern) +
                                  " (already " + r->pattern + ")");
    }
  }
  route->index = routes_.size();
  routes_.push_back(std::move(route));
  return *routes_.back();
}

Router::Match Router::Find(Method method, std::string_view path) const {
  auto parts = SplitPath(path);
  Match m;
  const Route* best = nullptr;
  long long best_score = -1;
  const Route* head_fallback = nullptr;
  long long head_score = -1;
  bool path_matched = false;
  for (const auto& r : routes_) {
    long long score = MatchScore(*r, parts);
    if (score < 0) continue;
    path_matched = true;
    if (r->method == method && score > best_score) {
      best = r.get();
      best_score = score;
    } else if (method == Method::kHead && r->method == Method::kGet && score > head_score) {
      head_fallback = r.get();
      head_score = score;
    }
  }
  if (best == nullptr) best = head_fallback;
  if (best != nullptr) {
    m.outcome = Match::Outcome::kFound;
    m.route = best;
    for (std::size_t i = 0; i < parts.size(); ++i) {
      if (best->segments[i].is_param) m.params.emplace_back(best->segments[i].text, DecodeSegment(parts[i]));
    }
    return m;
  }
  if (!path_matched) return m;
  // The path exists under other methods: 405 with the methods of the best-matching shapes.
  m.outcome = Match::Outcome::kMethodNotAllowed;
  std::vector<Method> methods;
  for (const auto& r : routes_) {
    if (MatchScore(*r, parts) < 0) continue;
    if (std::find(methods.begin(), methods.end(), r->method) == methods.end()) methods.push_back(r->method);
  }
  for (Method x : methods) {
    if (!m.allow.empty()) m.allow += ", ";
    m.allow += ToString(x);
    if (x == Method::kGet && std::find(methods.begin(), methods.end(), Method::kHead) == methods.end()) m.allow += ", HEAD";
  }
  return m;
}

std::vector<const Route*> Router::routes() const {
  std::vector<const Route*> out;
  out.reserve(routes_.size());
  for (const auto& r : routes_) out.push_back(r.get());
  return out;
}

}  // namespace eda::http
