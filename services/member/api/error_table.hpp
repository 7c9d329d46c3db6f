#pragma once

#include <string_view>

#include "member/domain/member_error.hpp"

namespace eda::member {

// How one domain error is answered on the wire: HTTP status, the stable `code` member of the
// problem body, and its RFC 9457 `type` and `title`. Codes never change once published; clients
// may switch on them.
struct ErrorMapping {
  int status;
  std::string_view code;
  std::string_view type;
  std::string_view title;
};

// The single table of the member service. Total over MemberErrc (the unit test checks every
// enumerator, and that codes and types are unique). Thread-safe (constant data).
const ErrorMapping& MapError(MemberErrc errc) noexcept;

}  // namespace eda::member
