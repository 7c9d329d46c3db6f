#include "access.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "eda/events/dead_letter.hpp"
#include "eda/saga/routes.hpp"

namespace eda::kafka_admin {
namespace {

bool Has(const std::string& user, Operation op, Resource res, const std::string& name,
         Pattern pattern = Pattern::kLiteral) {
  const auto grants = Grants();
  return std::find(grants.begin(), grants.end(), Grant{user, op, res, pattern, name}) != grants.end();
}

bool CanWrite(const std::string& user, const std::string& topic) {
  return Has(user, Operation::kWrite, Resource::kTopic, topic);
}

TEST(KafkaAccess, OnlyPaymentWritesTheConfirmResponseBesidesTheDeadLetterReplay) {
  for (const std::string& user : Users())
    EXPECT_EQ(CanWrite(user, "payment-confirm-response"), user == "payment" || user == "dlq") << user;
}

TEST(KafkaAccess, DlqReadsOnlyDeadLettersAndWritesOnlyWhatItReplaysTo) {
  for (const Grant& g : Grants()) {
    if (g.user != "dlq" || g.resource != Resource::kTopic) continue;
    if (g.operation == Operation::kRead) {
      EXPECT_TRUE(g.name.ends_with(".DLQ")) << Describe(g);
    } else {
      EXPECT_TRUE(CanWrite("dlq", g.name));
      EXPECT_TRUE(Has("dlq", Operation::kRead, Resource::kTopic, g.name + ".DLQ")) << Describe(g);
    }
  }
}

TEST(KafkaAccess, EveryTopicHasOneWritingServiceBesidesTheTools) {
  for (const saga::Route& r : saga::kRoutes) {
    int writers = 0;
    for (const std::string& user : Users())
      if (user != "dlq" && user != "loadgen" && CanWrite(user, std::string(r.topic))) ++writers;
    EXPECT_EQ(writers, 1) << r.topic;
  }
}

TEST(KafkaAccess, AConsumerReadsItsTopicAndRetryAndWritesOnlyItsRetryAndDeadLetters) {
  EXPECT_TRUE(Has("delivery", Operation::kRead, Resource::kTopic, "delivery-request"));
  EXPECT_TRUE(Has("delivery", Operation::kRead, Resource::kTopic, "delivery-request.retry.delivery"));
  EXPECT_TRUE(Has("delivery", Operation::kWrite, Resource::kTopic, "delivery-request.retry.delivery"));
  EXPECT_TRUE(Has("delivery", Operation::kWrite, Resource::kTopic, "delivery-request.DLQ"));
  EXPECT_TRUE(Has("delivery", Operation::kRead, Resource::kGroup, "delivery"));
  EXPECT_FALSE(CanWrite("delivery", "delivery-request")) << "catalog alone asks for deliveries";
  EXPECT_FALSE(Has("delivery", Operation::kRead, Resource::kTopic, "delivery-request.DLQ"));
  EXPECT_FALSE(Has("delivery", Operation::kRead, Resource::kTopic, "payment-confirm-response"));
  EXPECT_FALSE(Has("delivery", Operation::kRead, Resource::kGroup, "order"));
}

TEST(KafkaAccess, NoServiceCanWriteIntoAnotherGroupsRetryTopic) {
  // product-changed has three consumers (catalog, search, order): each re-queues only into its own.
  for (const Grant& g : Grants()) {
    const auto at = g.name.find(".retry.");
    if (g.resource != Resource::kTopic || at == std::string::npos) continue;
    EXPECT_EQ(g.name.substr(at + 7), g.user) << Describe(g);
  }
  const auto topics = Topics();
  EXPECT_FALSE(std::binary_search(topics.begin(), topics.end(), "product-changed.retry")) << "no shared retry topic";
  EXPECT_TRUE(std::binary_search(topics.begin(), topics.end(), "product-changed.retry.search"));
}

TEST(KafkaAccess, NoPrefixedTopicGrantsAndNoServiceReadsDeadLetters) {
  for (const Grant& g : Grants()) {
    if (g.resource == Resource::kTopic) {
      EXPECT_EQ(g.pattern, Pattern::kLiteral) << Describe(g);
    }
    if (g.name.ends_with(".DLQ") && g.operation == Operation::kRead) {
      EXPECT_EQ(g.user, "dlq") << Describe(g);
    }
  }
}

TEST(KafkaAccess, UsersAreTheSixServicesAndTheTwoTools) {
  EXPECT_EQ(Users(), (std::vector<std::string>{"catalog", "delivery", "dlq", "loadgen", "member", "order", "payment",
                                               "search"}));
}

TEST(KafkaAccess, TopicsCoverEveryGrantedTopic) {
  const auto topics = Topics();
  for (const Grant& g : Grants())
    if (g.resource == Resource::kTopic) {
      EXPECT_TRUE(std::binary_search(topics.begin(), topics.end(), g.name)) << Describe(g);
    }
  EXPECT_TRUE(std::binary_search(topics.begin(), topics.end(), "member-registered"));
  for (const std::string& t : topics) EXPECT_FALSE(t.starts_with("member-registered.retry")) << "nobody consumes it";
}

TEST(KafkaAccess, FailureTopicsGetOnePartitionAndSagaTopicsTheBrokersDefault) {
  const auto specs = TopicSpecs();
  ASSERT_EQ(specs.size(), Topics().size());
  for (const auto& t : specs) {
    const bool failure = t.name.ends_with(".DLQ") || t.name.find(".retry.") != std::string::npos;
    EXPECT_EQ(t.partitions, failure ? events::kFailureTopicPartitions : -1) << t.name;
  }
}

TEST(KafkaAccess, DescribeNamesEveryPart) {
  EXPECT_EQ(Describe(Grant{"search", Operation::kRead, Resource::kGroup, Pattern::kPrefixed, "search-rebuild-"}),
            "User:search READ group PREFIXED search-rebuild-");
}

}  // namespace
}  // namespace eda::kafka_admin
