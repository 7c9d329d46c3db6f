#pragma once

// Shared set-up of the end-to-end saga tests: one ShopClient and SandboxClient for the stack named by
// the EDA_*_URL variables, deadlines from the environment, and a readiness guard.

#include <chrono>
#include <cstdlib>
#include <string>

#include <gtest/gtest.h>

#include "eda/e2e/sandbox_client.hpp"
#include "eda/e2e/shop_client.hpp"

namespace eda::e2e {

// Seconds from an environment variable, or `fallback` when unset/invalid.
inline std::chrono::seconds SecondsFromEnv(const char* name, int fallback) {
  const char* v = std::getenv(name);
  if (v == nullptr || *v == '\0') return std::chrono::seconds(fallback);
  char* end = nullptr;
  const long n = std::strtol(v, &end, 10);
  return (end != nullptr && *end == '\0' && n > 0) ? std::chrono::seconds(n) : std::chrono::seconds(fallback);
}

// Deadline for an order to go from the success page to DELIVERED (or another end). With the test
// profile's fast carrier (EDA_CARRIER_STEP_SECONDS=1, EDA_DELIVERY_POLL_SECONDS=1) a purchase takes a
// few seconds; the default leaves room for a loaded machine and consumer retries.
inline std::chrono::seconds SagaTimeout() { return SecondsFromEnv("EDA_E2E_SAGA_TIMEOUT_SECONDS", 120); }
// Deadline for steps that need no carrier (PAID, PAYMENT_FAILED, CANCELLED).
inline std::chrono::seconds StepTimeout() { return SecondsFromEnv("EDA_E2E_STEP_TIMEOUT_SECONDS", 60); }

class SagaTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    shop_ = new ShopClient();
    sandbox_ = new SandboxClient();
  }
  static void TearDownTestSuite() {
    delete shop_;
    delete sandbox_;
    shop_ = nullptr;
    sandbox_ = nullptr;
  }
  static const ShopClient& shop() { return *shop_; }
  static const SandboxClient& sandbox() { return *sandbox_; }

  static inline ShopClient* shop_ = nullptr;
  static inline SandboxClient* sandbox_ = nullptr;
};

// A default order of `count` units of `product_id`, delivered by a carrier the simulator knows.
inline OrderRequest OrderOf(std::int64_t product_id, std::int64_t count = 1) {
  OrderRequest r;
  r.product_id = product_id;
  r.count = count;
  r.delivery_company = "CJ";
  r.address = "Seoul, Jung-gu, Sejong-daero 110 (e2e)";
  return r;
}

}  // namespace eda::e2e

// Fails the current test at once (instead of waiting for deadlines) when a process it needs does not
// answer GET /health/ready with 200. Names: member, payment, delivery, search, catalog, order,
// toss-sandbox, carrier-sim.
#define EDA_E2E_REQUIRE_READY(...)                                                               \
  do {                                                                                          \
    const std::string eda_e2e_missing = shop().NotReady({__VA_ARGS__});                         \
    if (!eda_e2e_missing.empty()) GTEST_FAIL() << "stack not ready: " << eda_e2e_missing;       \
  } while (false)
