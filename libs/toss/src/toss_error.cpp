#include "eda/toss/toss_error.hpp"

#include <array>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

namespace eda::toss {
namespace {

constexpr std::array<std::string_view, 11> kTransientCodes{
    "PROVIDER_ERROR",        "FAILED_INTERNAL_SYSTEM_PROCESSING", "COMMON_ERROR",
    "FORBIDDEN_CONSECUTIVE_REQUEST", "FAILED_PAYMENT_INTERNAL_SYSTEM_PROCESSING", "FAILED_REFUND_PROCESS",
    "FAILED_METHOD_HANDLING_CANCEL", "NOT_AVAILABLE_BANK", "NOT_AVAILABLE_PAYMENT", "TOO_MANY_REQUESTS",
    "FAILED_DB_PROCESSING"};

constexpr std::array<std::string_view, 2> kInFlightCodes{"IDEMPOTENT_REQUEST_PROCESSING",
                                                         "ALREADY_PROCESSING_REQUEST"};

constexpr std::array<std::string_view, 3> kAlreadyDoneCodes{"ALREADY_PROCESSED_PAYMENT", "ALREADY_CANCELED_PAYMENT",
                                                            "ALREADY_REFUND_PAYMENT"};

constexpr std::array<std::string_view, 4> kUnknownOutcomeCodes{"UNKNOWN_PAYMENT_ERROR", "CARD_PROCESSING_ERROR",
                                                               "FAILED_PARTIAL_REFUND", "NOT_MATCHES_REFUNDABLE_AMOUNT"};

template <std::size_t N>
bool In(const std::array<std::string_view, N>& set, std::string_view code) {
  for (std::string_view c : set) {
    if (c == code) return true;
  }
  return false;
}

}  // namespace

std::string_view ErrorClassName(ErrorClass c) noexcept {
  switch (c) {
    case ErrorClass::kTransient: return "transient";
    case ErrorClass::kInFlight: return "in_flight";
    case ErrorClass::kOutcomeUnknown: return "outcome_unknown";
    case ErrorClass::kAlreadyDone: return "already_done";
    case ErrorClass::kTerminal: return "terminal";
  }
  return "terminal";
}

ErrorClass ClassifyTossCode(std::string_view code, int http_status, Operation operation) noexcept {
  if (In(kInFlightCodes, code)) return ErrorClass::kInFlight;
  if (In(kAlreadyDoneCodes, code)) return ErrorClass::kAlreadyDone;
  if (In(kUnknownOutcomeCodes, code)) {
    return operation == Operation::kLookup ? ErrorClass::kTransient : ErrorClass::kOutcomeUnknown;
  }
  if (In(kTransientCodes, code)) {
    // A POST answered 5xx may have done its work before failing (reference §5/§8): look it up first.
    if (operation != Operation::kLookup && http_status >= 500) return ErrorClass::kOutcomeUnknown;
    return ErrorClass::kTransient;
  }
  if (http_status == 429) return ErrorClass::kTransient;
  if (http_status >= 500 || http_status == 0) {
    return operation == Operation::kLookup ? ErrorClass::kTransient : ErrorClass::kOutcomeUnknown;
  }
  // Every other 4xx code (REJECT_*, INVALID_*, NOT_FOUND_*, NOT_CANCELABLE_*, EXCEED_*, auth errors and
  // codes we do not know yet) refuses the request.
  return ErrorClass::kTerminal;
}

ErrorClass ClassifyTransport(std::string_view transport_code, Operation operation) noexcept {
  // A connect failure means no byte left this process: nothing can have happened at Toss.
  if (transport_code == "http.connect" || transport_code == "http.invalid_url" ||
      transport_code == "http.invalid_request" || transport_code == "http.config") {
    return transport_code == "http.connect" ? ErrorClass::kTransient : ErrorClass::kTerminal;
  }
  if (transport_code == "http.tls") return ErrorClass::kTransient;  // the handshake precedes the request
  return operation == Operation::kLookup ? ErrorClass::kTransient : ErrorClass::kOutcomeUnknown;
}

TossError DecodeError(int http_status, std::string_view body, Operation operation) {
  TossError e;
  e.http_status = http_status;
  std::error_code ec;
  const boost::json::value doc = boost::json::parse(body, ec);
  if (!ec && doc.is_object()) {
    const auto& o = doc.as_object();
    // v1 shape {code, message}; the newer {error:{code, message}} shape is accepted too.
    const boost::json::object* src = &o;
    if (const auto it = o.find("error"); it != o.end() && it->value().is_object()) src = &it->value().as_object();
    if (const auto c = src->find("code"); c != src->end() && c->value().is_string()) e.code = c->value().as_string();
    if (const auto m = src->find("message"); m != src->end() && m->value().is_string()) {
      e.message = m->value().as_string();
    }
  }
  if (e.code.empty()) {
    e.code = "HTTP_" + std::to_string(http_status);
    e.message = "response without a Toss error body";
  }
  e.error_class = ClassifyTossCode(e.code, http_status, operation);
  return e;
}

}  // namespace eda::toss
