#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace eda::events {

inline constexpr std::string_view kDevBrokers = "127.0.0.1:19092,127.0.0.1:19093,127.0.0.1:19094";
inline constexpr std::string_view kTestBrokers = "127.0.0.1:29092,127.0.0.1:29093,127.0.0.1:29094";

// EDA_KAFKA_BROKERS if set and non-empty, else `fallback` (services pass kDevBrokers, tests kTestBrokers).
std::string BrokersFromEnv(std::string_view fallback);

// Raw librdkafka properties applied last (overriding ours); for tuning and tests only.
using KafkaProperties = std::vector<std::pair<std::string, std::string>>;

}  // namespace eda::events
