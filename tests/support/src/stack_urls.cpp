#include "eda/e2e/stack_urls.hpp"

#include <cstdlib>
#include <stdexcept>
#include <string_view>

namespace eda::e2e {
namespace {

// Tests talk to loopback only: a variable pointing elsewhere is a misconfiguration, not a target.
std::string LoopbackUrl(const char* name, int test_port) {
  const char* raw = std::getenv(name);
  std::string url = raw != nullptr && *raw != '\0' ? std::string(raw) : "http://127.0.0.1:" + std::to_string(test_port);
  while (!url.empty() && url.back() == '/') url.pop_back();
  const std::string_view v(url);
  for (std::string_view prefix : {std::string_view("http://127.0.0.1:"), std::string_view("http://localhost:")}) {
    if (v.substr(0, prefix.size()) != prefix) continue;
    const std::string_view port = v.substr(prefix.size());
    if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string_view::npos) break;
    return url;
  }
  throw std::invalid_argument(std::string(name) + "='" + url + "' is not http://127.0.0.1:<port> (e2e tests use loopback only)");
}

}  // namespace

StackUrls StackUrls::FromEnv() {
  StackUrls u;
  u.member = LoopbackUrl("EDA_MEMBER_URL", 28081);
  u.payment = LoopbackUrl("EDA_PAYMENT_URL", 28082);
  u.delivery = LoopbackUrl("EDA_DELIVERY_URL", 28083);
  u.search = LoopbackUrl("EDA_SEARCH_URL", 28084);
  u.catalog = LoopbackUrl("EDA_CATALOG_URL", 28085);
  u.order = LoopbackUrl("EDA_ORDER_URL", 28086);
  u.toss_sandbox = LoopbackUrl("EDA_TOSS_SANDBOX_URL", 28090);
  u.carrier_sim = LoopbackUrl("EDA_CARRIER_SIM_URL", 28091);
  return u;
}

}  // namespace eda::e2e
