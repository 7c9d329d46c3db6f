#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace eda::redis {

enum class ReplyType { kNil, kInteger, kString, kStatus, kError, kArray, kDouble };

// A decoded Redis reply (RESP). Plain value, deep-copied out of the driver.
//   kString: bulk string in `str`;  kStatus: simple string ("OK") in `str`;
//   kError: error text ("WRONGTYPE ...") in `str`;  kInteger: `integer`;  kDouble: `number`;
//   kArray: `elements` (nested replies; nil elements are kNil);  kNil: nothing.
struct Reply {
  ReplyType type = ReplyType::kNil;
  std::int64_t integer = 0;
  double number = 0;
  std::string str;
  std::vector<Reply> elements;

  bool is_nil() const noexcept { return type == ReplyType::kNil; }
  bool is_error() const noexcept { return type == ReplyType::kError; }
};

}  // namespace eda::redis
