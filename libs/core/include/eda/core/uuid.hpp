#pragma once

#include <string>

namespace eda {

// A random (version 4) UUID in canonical lowercase text form, e.g. "3f0c...-...". Thread-safe.
std::string NewUuid();

}  // namespace eda
