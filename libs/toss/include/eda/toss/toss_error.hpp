#pragma once

#include <string>
#include <string_view>

namespace eda::toss {

// What a caller must do after a failed call (reference §4 "Retryability", classified by `code`,
// never by HTTP status alone).
enum class ErrorClass {
  // Nothing happened at Toss: try again later with backoff (5xx with a known "try again" code,
  // PROVIDER_ERROR, 429, connection refused before anything was sent, a timeout on a GET).
  kTransient,
  // The first request with this Idempotency-Key is still running (409 IDEMPOTENT_REQUEST_PROCESSING,
  // ALREADY_PROCESSING_REQUEST): send again with the SAME key after a pause.
  kInFlight,
  // The request may or may not have taken effect (timeout / connection lost / 5xx on a POST, unknown
  // or ambiguous codes): look the payment up before anything else.
  kOutcomeUnknown,
  // The goal may already be reached (ALREADY_PROCESSED_PAYMENT on confirm, ALREADY_CANCELED_PAYMENT /
  // ALREADY_REFUND_PAYMENT on cancel): look the payment up and reconcile.
  kAlreadyDone,
  // Refused for good (declined card, invalid request, auth/config, not cancelable, not found).
  kTerminal
};

std::string_view ErrorClassName(ErrorClass c) noexcept;

// The operation a failure happened in; a transport failure means different things for each.
enum class Operation { kConfirm, kCancel, kLookup };

// A failed Toss call: either a decoded Toss error body, or a transport failure (http_status 0,
// code "http.timeout" etc. from libs/httpclient).
struct TossError {
  int http_status = 0;       // 0: no HTTP response
  std::string code;          // Toss `code`, or the transport error code
  std::string message;       // Toss `message` (never contains secrets)
  ErrorClass error_class = ErrorClass::kTerminal;
  std::string trace_id;      // X-TossPayments-Trace-Id when present

  bool transport() const noexcept { return http_status == 0; }
};

// Classifies a Toss error code returned with `http_status` by `operation`. Unknown codes: 5xx and
// 429 → transient for lookups and outcome-unknown for POSTs; other 4xx → terminal.
ErrorClass ClassifyTossCode(std::string_view code, int http_status, Operation operation) noexcept;

// Classifies a transport failure (libs/httpclient code, `retryable` as reported by it).
// `sent_nothing`: the failure was a connect error (no byte of the request left this process).
ErrorClass ClassifyTransport(std::string_view transport_code, Operation operation) noexcept;

// Builds a TossError from a non-2xx response: decodes {code, message} (extra keys ignored); a body
// that is not such an object gives code "HTTP_<status>".
TossError DecodeError(int http_status, std::string_view body, Operation operation);

}  // namespace eda::toss
