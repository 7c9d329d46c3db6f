// eda-dlq: inspect and replay dead-letter topics.
//   eda-dlq list <topic> [--max N]
//   eda-dlq replay <topic> [--max N]
// <topic> is the original topic or its ".DLQ" name. Brokers from EDA_KAFKA_BROKERS (default: dev profile),
// Kafka user from EDA_KAFKA_USERNAME and EDA_KAFKA_PASSWORD_FILE (`./eda dlq` gives it the dlq user).
#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>

#include "dlq_tool.hpp"
#include "eda/events/kafka_settings.hpp"

namespace {

int Usage() {
  std::cerr << "usage: eda-dlq list <topic> [--max N]\n"
               "       eda-dlq replay <topic> [--max N]\n"
               "<topic>: the original topic (e.g. delivery-request) or its DLQ (delivery-request.DLQ).\n"
               "Brokers: EDA_KAFKA_BROKERS (default 127.0.0.1:19092,19093,19094); Kafka user:\n"
               "EDA_KAFKA_USERNAME with EDA_KAFKA_PASSWORD_FILE (./eda dlq sets both).\n"
               "replay re-publishes records with a fresh attempt count; progress is kept in the consumer\n"
               "group eda-dlq-replay, so a record is replayed once.\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) return Usage();
  const std::string cmd = argv[1];
  const std::string topic = argv[2];
  std::optional<std::size_t> max;
  for (int i = 3; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--max" && i + 1 < argc) {
      char* end = nullptr;
      const unsigned long long v = std::strtoull(argv[++i], &end, 10);
      if (end == nullptr || *end != '\0') return Usage();
      max = static_cast<std::size_t>(v);
    } else {
      return Usage();
    }
  }
  const std::string brokers = eda::events::BrokersFromEnv(eda::events::kDevBrokers);
  const auto credentials = eda::events::CredentialsFromEnv();
  if (!credentials) {
    std::cerr << "eda-dlq: " << credentials.error().message << "\n";
    return 2;
  }
  if (cmd == "list") {
    auto r = eda::dlq::List(brokers, *credentials, topic, max, std::cout);
    if (!r) {
      std::cerr << "eda-dlq: " << r.error() << "\n";
      return 1;
    }
    return 0;
  }
  if (cmd == "replay") {
    auto r = eda::dlq::Replay(brokers, *credentials, topic, max, std::cout);
    if (!r) {
      std::cerr << "eda-dlq: " << r.error() << "\n";
      return 1;
    }
    return 0;
  }
  return Usage();
}
