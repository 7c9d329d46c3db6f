#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace eda::toss_sandbox {

// One Toss Payments v1 error as it goes on the wire: HTTP status plus the body {"code","message"}.
// A plain value type.
struct TossError {
  int http_status = 500;
  std::string code;
  std::string message;

  friend bool operator==(const TossError&, const TossError&) = default;
};

// One entry of the documented error catalogue (reference toss-payments.md §4).
struct TossErrorEntry {
  std::string_view code;
  int http_status;
  std::string_view message;  // Korean, as the API answers without Accept-Language
};

// Every documented error code the sandbox knows, each with the HTTP status the reference gives it.
// Static storage; thread-safe.
const std::vector<TossErrorEntry>& ErrorCatalogue();

// The documented error `code` (status and default message); nullopt for an unknown code.
std::optional<TossError> FindDocumentedError(std::string_view code);

// FindDocumentedError(code), with `message` replacing the default when non-empty. Throws
// std::invalid_argument for an unknown code: the sandbox only emits documented codes (a bug otherwise).
TossError MakeTossError(std::string_view code, std::string_view message = {});

}  // namespace eda::toss_sandbox
