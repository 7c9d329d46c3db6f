#include "access.hpp"

#include <algorithm>
#include <set>

#include "eda/events/dead_letter.hpp"
#include "eda/saga/routes.hpp"

namespace eda::kafka_admin {
namespace {

constexpr std::string_view kDlq = "dlq";
constexpr std::string_view kLoadgen = "loadgen";

// A service consumes in the group named after its user; it re-queues into that group's own retry
// topic (the events library's RetryTopicOf). `requeues` false: a consumer that never re-queues (the
// load generator's ephemeral groups) gets no retry topic.
void Consume(std::set<Grant>& out, std::string_view user, std::string_view topic, bool requeues = true) {
  const std::string u(user), t(topic);
  out.insert({u, Operation::kRead, Resource::kTopic, Pattern::kLiteral, t});
  if (requeues) {
    const std::string retry = events::RetryTopicOf(t, u);
    out.insert({u, Operation::kRead, Resource::kTopic, Pattern::kLiteral, retry});
    out.insert({u, Operation::kWrite, Resource::kTopic, Pattern::kLiteral, retry});
  }
  out.insert({u, Operation::kWrite, Resource::kTopic, Pattern::kLiteral, events::DlqTopicOf(t)});
}

void Produce(std::set<Grant>& out, std::string_view user, std::string_view topic) {
  out.insert({std::string(user), Operation::kWrite, Resource::kTopic, Pattern::kLiteral, std::string(topic)});
}

void Group(std::set<Grant>& out, std::string_view user, Pattern pattern, std::string_view name) {
  out.insert({std::string(user), Operation::kRead, Resource::kGroup, pattern, std::string(name)});
}

std::set<std::string_view> ConsumedTopics() {
  std::set<std::string_view> out;
  for (const saga::Route& r : saga::kRoutes)
    if (std::any_of(r.consumers.begin(), r.consumers.end(), [](std::string_view c) { return !c.empty(); }))
      out.insert(r.topic);
  return out;
}

}  // namespace

std::vector<std::string> Users() {
  std::set<std::string> out{std::string(kDlq), std::string(kLoadgen)};
  for (const saga::Route& r : saga::kRoutes) {
    out.emplace(r.producer);
    for (std::string_view c : r.consumers)
      if (!c.empty()) out.emplace(c);
  }
  return {out.begin(), out.end()};
}

std::vector<Grant> Grants() {
  std::set<Grant> out;
  for (const saga::Route& r : saga::kRoutes) {
    Produce(out, r.producer, r.topic);
    for (std::string_view c : r.consumers) {
      if (c.empty()) continue;
      Consume(out, c, r.topic);
      Group(out, c, Pattern::kLiteral, c);
    }
  }
  // search --rebuild replays the product topics in a new group per generation.
  Group(out, saga::kSearch, Pattern::kPrefixed, "search-rebuild-");
  for (std::string_view t : ConsumedTopics()) {
    out.insert({std::string(kDlq), Operation::kRead, Resource::kTopic, Pattern::kLiteral,
                events::DlqTopicOf(std::string(t))});
    Produce(out, kDlq, t);
  }
  Group(out, kDlq, Pattern::kPrefixed, "eda-dlq-");
  Produce(out, kLoadgen, saga::kStockRequest);
  Consume(out, kLoadgen, saga::kDeliveryRequest, /*requeues=*/false);
  Consume(out, kLoadgen, saga::kStockRejected, /*requeues=*/false);
  Group(out, kLoadgen, Pattern::kPrefixed, "eda-stock-flood-");
  return {out.begin(), out.end()};
}

std::vector<std::string> Topics() {
  std::set<std::string> out;
  for (const saga::Route& r : saga::kRoutes) {
    out.emplace(r.topic);
    for (std::string_view c : r.consumers)
      if (!c.empty()) out.insert(events::RetryTopicOf(r.topic, c));
  }
  for (std::string_view t : ConsumedTopics()) out.insert(events::DlqTopicOf(std::string(t)));
  return {out.begin(), out.end()};
}

std::vector<events::TopicSpec> TopicSpecs() {
  std::set<std::string> saga;
  for (const saga::Route& r : saga::kRoutes) saga.emplace(r.topic);
  std::vector<events::TopicSpec> out;
  for (std::string& t : Topics()) {
    const int partitions = saga.contains(t) ? -1 : events::kFailureTopicPartitions;
    out.push_back({std::move(t), partitions});
  }
  return out;
}

std::string Describe(const Grant& g) {
  return "User:" + g.user + (g.operation == Operation::kRead ? " READ " : " WRITE ") +
         (g.resource == Resource::kTopic ? "topic " : "group ") +
         (g.pattern == Pattern::kLiteral ? "LITERAL " : "PREFIXED ") + g.name;
}

}  // namespace eda::kafka_admin
