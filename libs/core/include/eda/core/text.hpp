#pragma once

#include <string_view>

namespace eda {

// Whether `text` (UTF-8) holds a control character: U+0000..U+001F (NUL, TAB, CR, LF, ...), U+007F
// or U+0080..U+009F. Such characters have no place in a name, tag, address or identifier, and would
// split log lines, headers or CSV rows. Pure; thread-safe.
bool HasControlCharacter(std::string_view text) noexcept;

}  // namespace eda
