#pragma once

// Private helpers shared by the librdkafka wrappers. Never included by public headers.

#include <librdkafka/rdkafkacpp.h>

#include <memory>
#include <string>

#include "eda/core/result.hpp"
#include "eda/events/envelope.hpp"
#include "eda/events/kafka_settings.hpp"

namespace eda::events::detail {

// Sets one property; error "kafka.settings" naming the property (values are not secrets here, but
// we still only echo the name).
Status SetProperty(RdKafka::Conf& conf, const std::string& name, const std::string& value);
Status ApplyProperties(RdKafka::Conf& conf, const KafkaProperties& props);

// A librdkafka error code -> eda::Error ("kafka.<what>"; "kafka.denied" when the brokers refused the
// client's credentials or its ACLs do not allow the request), retryable when the condition can heal.
Error KafkaError(RdKafka::ErrorCode code, std::string_view context, std::string code_name = "kafka.delivery");
bool IsRetryable(RdKafka::ErrorCode code);
// Authentication failed or an ACL denied the request.
bool IsDenied(RdKafka::ErrorCode code);

// Copies the record's headers (null values become "").
Headers ReadHeaders(const RdKafka::Message& message);
// New librdkafka header list (caller owns until produce() succeeds).
std::unique_ptr<RdKafka::Headers> MakeHeaders(const Headers& headers);

}  // namespace eda::events::detail
