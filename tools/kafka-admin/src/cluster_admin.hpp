#pragma once

// Applies access.hpp to a running cluster, as an administrator (a super user). Each call blocks
// for one admin round trip, at most 30 s. Not thread-safe; one instance per run.

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "access.hpp"
#include "eda/config/secret.hpp"
#include "eda/core/result.hpp"
#include "eda/events/kafka_settings.hpp"

namespace eda::kafka_admin {

class ClusterAdmin {
 public:
  // A client of `brokers` logged in as `admin`. Does not contact the brokers yet.
  // Errors: "kafka.settings".
  static Result<ClusterAdmin> Connect(const std::string& brokers, const events::KafkaCredentials& admin);
  ~ClusterAdmin();
  ClusterAdmin(ClusterAdmin&&) noexcept;
  ClusterAdmin& operator=(ClusterAdmin&&) noexcept;

  // Sets the SCRAM-SHA-512 password of each user (creating the user when new). Errors: "kafka.admin"
  // naming the user (never the password), "kafka.timeout".
  Status SetPasswords(const std::vector<std::pair<std::string, config::Secret>>& users);

  // Makes the ALLOW ACLs whose principal is one of `users` exactly `grants`: creates what is
  // missing, deletes what no grant names any more. Returns {created, deleted}. ACLs of other
  // principals are left alone. Errors: "kafka.admin", "kafka.timeout".
  Result<std::pair<std::size_t, std::size_t>> SyncAcls(const std::vector<Grant>& grants,
                                                       const std::vector<std::string>& users);

 private:
  struct Impl;
  explicit ClusterAdmin(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace eda::kafka_admin
