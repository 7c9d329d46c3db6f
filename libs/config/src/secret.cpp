#include "eda/config/secret.hpp"

#include <ostream>

namespace eda::config {

std::ostream& operator<<(std::ostream& os, const Secret&) { return os << Secret::kMask; }

}  // namespace eda::config
