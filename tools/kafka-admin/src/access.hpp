#pragma once

// The Kafka access of every user `./eda` makes, derived from the saga's routes (eda/saga/routes.hpp)
// and nothing else: what each service produces and consumes, plus the tools' own needs. Pure data;
// tools/kafka-admin/src/cluster_admin.hpp applies it to a cluster.

#include <compare>
#include <string>
#include <vector>

#include "eda/events/topic_admin.hpp"

namespace eda::kafka_admin {

enum class Operation { kRead, kWrite };
enum class Resource { kTopic, kGroup };
enum class Pattern { kLiteral, kPrefixed };  // the name, or every name that starts with it

// One ALLOW ACL from any host (DESCRIBE is implied by READ and WRITE in Kafka).
struct Grant {
  std::string user;
  Operation operation = Operation::kRead;
  Resource resource = Resource::kTopic;
  Pattern pattern = Pattern::kLiteral;
  std::string name;
  auto operator<=>(const Grant&) const = default;
};

// Users with a SCRAM password besides the brokers' and admin (the super users, made when the
// storage is formatted): every service of saga::kRoutes, "dlq" (tools/dlq) and "loadgen"
// (eda-stock-flood), sorted.
std::vector<std::string> Users();

// Every grant of Users(), sorted, without duplicates:
//  - a producer: WRITE on the topics it produces;
//  - a consumer: READ on each topic it consumes and its `.retry`, WRITE on that `.retry` and `.DLQ`
//    (the events library re-queues and dead-letters there), READ on its consumer group, which is
//    named after the service (search also on the groups prefixed "search-rebuild-");
//  - dlq: READ on every `.DLQ`, WRITE on the topics it replays to, groups prefixed "eda-dlq-";
//  - loadgen: what order does towards catalog (WRITE the stock requests, consume their answers),
//    in groups prefixed "eda-stock-flood-".
std::vector<Grant> Grants();

// The topics `./eda` creates before any service starts: every saga topic, and the `.retry` and
// `.DLQ` of every consumed one, sorted. Services' users cannot create topics.
std::vector<std::string> Topics();
// Topics() with their layout: a `.retry` or `.DLQ` topic gets events::kFailureTopicPartitions, a saga
// topic the brokers' default (num.partitions).
std::vector<events::TopicSpec> TopicSpecs();

// "User:<user> READ topic LITERAL payment-failed": one line of `eda-kafka-admin acls`.
std::string Describe(const Grant& grant);

}  // namespace eda::kafka_admin
