#pragma once

#include <stdexcept>
#include <string>

namespace eda::e2e {

// Thrown by the convenience calls of ShopClient / SandboxClient when the stack answers something
// other than the success the call expects (or does not answer). what() names the request, the
// status and the body, so a GoogleTest failure ("C++ exception with description ...") says what
// happened. Calls named Try* never throw it: they return the HttpResult for the test to judge.
class E2eFailure : public std::runtime_error {
 public:
  explicit E2eFailure(const std::string& what) : std::runtime_error(what) {}
};

}  // namespace eda::e2e
