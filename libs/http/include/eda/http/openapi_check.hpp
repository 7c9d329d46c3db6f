#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "eda/core/result.hpp"
#include "eda/http/router.hpp"

namespace eda::http {

// Lists the router's routes that the OpenAPI 3.x document does not describe, as "GET /orders/{orderId}".
// A route is described when `paths` has a key with the same segments (parameter names may differ:
// "{id}" matches "{orderId}") and that path item has the lowercase method. A service's unit test calls
//   auto missing = UndocumentedRoutes(router, ReadFile("services/order/openapi.json"));
//   ASSERT_TRUE(missing.ok()); EXPECT_THAT(*missing, IsEmpty());
// so a new route without documentation fails the build's tests. Error "openapi.invalid" when the
// document is not JSON or has no `paths` object. Built-in routes (/health/*, /metrics, /openapi.json)
// are added by the Server, not the service's Router, so they never need documenting.
Result<std::vector<std::string>> UndocumentedRoutes(const Router& router, std::string_view openapi_json);

}  // namespace eda::http
