#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>

#include "eda/httpclient/message.hpp"

namespace eda::httpclient {

// What the client reports after every attempt, already redacted: safe to log as is.
struct AttemptRecord {
  std::string method;
  std::string url;                       // scheme://host:port/path, without the query (it may hold ids/keys)
  int attempt = 1;                       // 1 for the first try
  int status = 0;                        // 0 when no response was received
  std::string error_code;                // empty on a response
  bool reused_connection = false;
  std::chrono::microseconds elapsed{0};
  Headers request_headers;               // RedactHeaders() of the request's fields
  std::string request_body;              // "<sensitive N bytes>" when marked; else the first 1 KiB
};

// Settings of one Client. Every field has a usable default.
struct Settings {
  // Deadline of a request that does not set its own timeout.
  std::chrono::milliseconds default_timeout{10'000};
  // Keep-alive connections kept per scheme://host:port; more are closed after use.
  std::size_t max_idle_per_host = 8;
  // An idle pooled connection older than this is closed instead of reused (servers drop idle
  // connections after a while; reusing one risks a failed write).
  std::chrono::milliseconds idle_timeout{30'000};
  // Attempts for retryable failures, the first one included (1 = never retry).
  int max_attempts = 3;
  // Backoff before attempt n+1: min(backoff_max, backoff_initial * 2^(n-1)), scaled by a random
  // factor in [0.5, 1] (jitter), and never past the deadline.
  std::chrono::milliseconds backoff_initial{100};
  std::chrono::milliseconds backoff_max{2'000};
  // Verify servers against the system CA store (OpenSSL default paths).
  bool use_system_ca = true;
  // A PEM file of extra CAs to trust (a private CA, a test CA). Empty: none.
  std::string ca_file;
  // Largest response body accepted; a larger one fails with http.protocol.
  std::size_t max_response_body = 8 * 1024 * 1024;
  // Sent when the request has no User-Agent of its own.
  std::string user_agent = "eda-httpclient/1";
  // Called after every attempt with redacted data (for logs and metrics). Must be thread-safe and
  // quick; it runs on the I/O thread. Empty: nothing is reported. The client itself never logs.
  std::function<void(const AttemptRecord&)> observer;
};

}  // namespace eda::httpclient
