#include "eda/core/text.hpp"

namespace eda {

bool HasControlCharacter(std::string_view text) noexcept {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x20 || b == 0x7F) return true;
    // C1 controls U+0080..U+009F are C2 80..C2 9F in UTF-8.
    if (b == 0xC2 && i + 1 < text.size()) {
      const auto next = static_cast<unsigned char>(text[i + 1]);
      if (next >= 0x80 && next <= 0x9F) return true;
    }
  }
  return false;
}

}  // namespace eda
