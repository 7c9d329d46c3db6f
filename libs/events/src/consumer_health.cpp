#include "consumer_health.hpp"

#include <boost/json.hpp>

namespace eda::events::detail {
namespace json = boost::json;

namespace {

std::string_view StringAt(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string_view(v->get_string()) : std::string_view();
}

}  // namespace

Result<ClientSnapshot> ParseClientStats(std::string_view text, const std::vector<std::string>& topics) {
  boost::system::error_code ec;
  const json::value doc = json::parse(text, ec);
  if (ec || !doc.is_object()) return Error::Permanent("kafka.stats", "statistics are not a JSON object");
  const json::object& root = doc.get_object();
  ClientSnapshot out;
  if (const json::value* cgrp = root.if_contains("cgrp"); cgrp != nullptr && cgrp->is_object()) {
    out.group_steady = StringAt(cgrp->get_object(), "state") == "up" &&
                       StringAt(cgrp->get_object(), "join_state") == "steady";
  }
  const json::value* all = root.if_contains("topics");
  if (all == nullptr || !all->is_object()) return out;
  for (const std::string& topic : topics) {
    const json::value* t = all->get_object().if_contains(topic);
    if (t == nullptr || !t->is_object()) continue;
    const json::value* parts = t->get_object().if_contains("partitions");
    if (parts == nullptr || !parts->is_object()) continue;
    for (const auto& [id, p] : parts->get_object()) {
      if (id == "-1" || !p.is_object()) continue;  // -1: librdkafka's internal "unassigned" queue
      out.fetch_state[topic + "/" + std::string(id)] = std::string(StringAt(p.get_object(), "fetch_state"));
    }
  }
  return out;
}

std::optional<std::string> StallDetector::Observe(std::chrono::steady_clock::time_point now,
                                                  const ClientSnapshot& client, const PartitionSet& mine,
                                                  const PartitionSet& paused,
                                                  const std::map<std::string, std::int64_t>& waiting) {
  if (!client.group_steady) {  // a rebalance is under way: it may fix things by itself
    since_.clear();
    return std::nullopt;
  }
  PartitionSet now_wrong;
  for (const std::string& tp : mine) {
    if (paused.count(tp) != 0) continue;
    auto it = client.fetch_state.find(tp);
    if (it != client.fetch_state.end() && !it->second.empty() && it->second != "active")
      now_wrong.insert(tp + " owned here but not fetching (" + it->second + ")");
  }
  for (const auto& [tp, committed] : waiting)
    if (mine.count(tp) == 0)
      now_wrong.insert(tp + " has records no member consumes (committed offset " + std::to_string(committed) + ")");
  for (auto it = since_.begin(); it != since_.end();) it = now_wrong.count(it->first) ? std::next(it) : since_.erase(it);
  std::string overdue;
  for (const std::string& what : now_wrong) {
    const auto first = since_.emplace(what, now).first->second;
    if (now - first >= grace_) overdue += (overdue.empty() ? "" : "; ") + what;
  }
  if (overdue.empty()) return std::nullopt;
  return overdue;
}

}  // namespace eda::events::detail
