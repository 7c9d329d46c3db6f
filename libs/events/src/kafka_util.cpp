#include "kafka_util.hpp"

#include <cstdlib>
#include <fstream>

#include "eda/config/reader.hpp"

namespace eda::events {

std::string BrokersFromEnv(std::string_view fallback) {
  const char* v = std::getenv("EDA_KAFKA_BROKERS");
  if (v != nullptr && *v != '\0') return v;
  return std::string(fallback);
}

Result<KafkaCredentials> CredentialsFromEnv() {
  config::Reader r;
  KafkaCredentials c;
  c.username = r.GetString("EDA_KAFKA_USERNAME", "");
  c.password = r.GetSecret("EDA_KAFKA_PASSWORD", "");
  if (c.username.empty() != c.password.empty())
    r.AddError("EDA_KAFKA_USERNAME", "and EDA_KAFKA_PASSWORD (or EDA_KAFKA_PASSWORD_FILE) must be set together");
  c.ca_file = r.GetString("EDA_KAFKA_CA_FILE", "");
  if (!c.ca_file.empty() && !std::ifstream(c.ca_file).good())
    r.AddError("EDA_KAFKA_CA_FILE", "cannot read " + c.ca_file);
  if (auto ok = r.Finish(); !ok) return std::move(ok).error();
  return c;
}

KafkaProperties CredentialProperties(const KafkaCredentials& credentials) {
  const bool tls = !credentials.ca_file.empty();
  KafkaProperties p;
  if (!credentials.username.empty()) {
    p = {{"security.protocol", tls ? "SASL_SSL" : "SASL_PLAINTEXT"},
         {"sasl.mechanisms", "SCRAM-SHA-512"},
         {"sasl.username", credentials.username},
         {"sasl.password", credentials.password.Reveal()}};
  } else if (tls) {
    p = {{"security.protocol", "SSL"}};
  }
  if (tls) p.emplace_back("ssl.ca.location", credentials.ca_file);
  return p;
}

namespace detail {

Status SetProperty(RdKafka::Conf& conf, const std::string& name, const std::string& value) {
  std::string err;
  if (conf.set(name, value, err) != RdKafka::Conf::CONF_OK)
    return Error::Permanent("kafka.settings", "property " + name + ": " + err);
  return {};
}

Status ApplyProperties(RdKafka::Conf& conf, const KafkaProperties& props) {
  for (const auto& [k, v] : props)
    if (auto s = SetProperty(conf, k, v); !s) return s;
  return {};
}

bool IsRetryable(RdKafka::ErrorCode code) {
  switch (code) {
    case RdKafka::ERR_MSG_SIZE_TOO_LARGE:
    case RdKafka::ERR__INVALID_ARG:
    case RdKafka::ERR__FATAL:
    case RdKafka::ERR_TOPIC_AUTHORIZATION_FAILED:
    case RdKafka::ERR_GROUP_AUTHORIZATION_FAILED:
    case RdKafka::ERR_CLUSTER_AUTHORIZATION_FAILED:
    case RdKafka::ERR_SASL_AUTHENTICATION_FAILED:
    case RdKafka::ERR_INVALID_RECORD:
    case RdKafka::ERR_INVALID_MSG:
    case RdKafka::ERR_UNSUPPORTED_VERSION:
    case RdKafka::ERR__BAD_MSG:
      return false;
    default:
      return true;
  }
}

bool IsDenied(RdKafka::ErrorCode code) {
  switch (code) {
    case RdKafka::ERR__AUTHENTICATION:
    case RdKafka::ERR_SASL_AUTHENTICATION_FAILED:
    case RdKafka::ERR_TOPIC_AUTHORIZATION_FAILED:
    case RdKafka::ERR_GROUP_AUTHORIZATION_FAILED:
    case RdKafka::ERR_CLUSTER_AUTHORIZATION_FAILED:
      return true;
    default:
      return false;
  }
}

Error KafkaError(RdKafka::ErrorCode code, std::string_view context, std::string code_name) {
  if (code == RdKafka::ERR__MSG_TIMED_OUT || code == RdKafka::ERR__TIMED_OUT) code_name = "kafka.timeout";
  if (code == RdKafka::ERR__FATAL) code_name = "kafka.fatal";
  if (IsDenied(code)) code_name = "kafka.denied";
  return Error{std::move(code_name), std::string(context) + ": " + RdKafka::err2str(code), IsRetryable(code)};
}

Headers ReadHeaders(const RdKafka::Message& message) {
  Headers out;
  // headers() is non-const in the C++ API although it does not modify the message.
  auto* h = const_cast<RdKafka::Message&>(message).headers();
  if (h == nullptr) return out;
  for (const auto& hdr : h->get_all()) {
    out.push_back(Header{hdr.key(), hdr.value() != nullptr
                                        ? std::string(static_cast<const char*>(hdr.value()), hdr.value_size())
                                        : std::string()});
  }
  return out;
}

std::unique_ptr<RdKafka::Headers> MakeHeaders(const Headers& headers) {
  std::unique_ptr<RdKafka::Headers> h(RdKafka::Headers::create());
  for (const auto& hdr : headers) h->add(hdr.key, hdr.value.data(), hdr.value.size());
  return h;
}

}  // namespace detail
}  // namespace eda::events
