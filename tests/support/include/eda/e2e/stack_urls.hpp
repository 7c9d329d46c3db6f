#pragma once

#include <string>

namespace eda::e2e {

// Base URLs (scheme://host:port, no trailing slash) of every process of a running stack, as `./eda`
// exports them per profile (`eval "$(./eda infra env --profile test)"`). A plain value type.
struct StackUrls {
  std::string member;        // EDA_MEMBER_URL        (test profile: http://127.0.0.1:28081)
  std::string payment;       // EDA_PAYMENT_URL       (28082)
  std::string delivery;      // EDA_DELIVERY_URL      (28083)
  std::string search;        // EDA_SEARCH_URL        (28084)
  std::string catalog;       // EDA_CATALOG_URL       (28085)
  std::string order;         // EDA_ORDER_URL         (28086)
  std::string toss_sandbox;  // EDA_TOSS_SANDBOX_URL  (28090)
  std::string carrier_sim;   // EDA_CARRIER_SIM_URL   (28091)

  // Reads the EDA_*_URL variables; an unset or empty variable takes the test profile's value.
  // A trailing '/' is removed. Throws std::invalid_argument when a value is not http://127.0.0.1:<port>
  // or http://localhost:<port> (end-to-end tests only ever talk to loopback).
  static StackUrls FromEnv();
};

}  // namespace eda::e2e
