#include "eda/http/request.hpp"

#include <charconv>

#include <boost/url/params_view.hpp>
#include <boost/url/parse_query.hpp>

namespace eda::http {
namespace {

std::optional<std::int64_t> ToInt(std::string_view s) {
  std::int64_t v = 0;
  if (s.empty()) return std::nullopt;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

}  // namespace

Request::Request(Method method, std::string target, Headers headers, std::string body)
    : method_(method), target_(std::move(target)), headers_(std::move(headers)), body_(std::move(body)) {
  path_end_ = target_.find('?');
  if (path_end_ == std::string::npos) path_end_ = target_.size();
}

std::string_view Request::query_string() const noexcept {
  if (path_end_ >= target_.size()) return {};
  return std::string_view(target_).substr(path_end_ + 1);
}

std::optional<std::string> Request::query(std::string_view name) const {
  auto qs = query_string();
  if (qs.empty()) return std::nullopt;
  if (!boost::urls::parse_query(qs)) return std::nullopt;  // invalid escapes: treat as absent
  boost::urls::encoding_opts opts;
  opts.space_as_plus = true;  // HTML forms encode spaces as '+'
  for (auto p : boost::urls::params_view(qs, opts)) {
    if (p.key == name) return p.has_value ? std::move(p.value) : std::string();
  }
  return std::nullopt;
}

std::optional<std::int64_t> Request::query_int(std::string_view name) const {
  auto v = query(name);
  if (!v) return std::nullopt;
  return ToInt(*v);
}

std::string_view Request::path_param(std::string_view name) const noexcept {
  for (const auto& [k, v] : path_params_) {
    if (k == name) return v;
  }
  return {};
}

std::optional<std::int64_t> Request::path_param_int(std::string_view name) const noexcept {
  return ToInt(path_param(name));
}

}  // namespace eda::http
