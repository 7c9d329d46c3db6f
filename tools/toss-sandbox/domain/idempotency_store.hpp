#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <variant>

#include "toss-sandbox/domain/payment.hpp"

namespace eda::toss_sandbox {

// A response as first sent: status and JSON body text.
struct StoredResponse {
  int status = 200;
  std::string body;
};

// Toss Idempotency-Key semantics (reference §5): the dedup scope is (key, API secret key, path,
// method) and the body is NOT part of it, so a key reused with another body gets the first response.
// Keys live `ttl` (15 days on the real API) from first use.
//
//   auto begin = store.Begin(scope);
//   if (auto* done = std::get_if<StoredResponse>(&begin)) → replay *done
//   if (std::holds_alternative<InFlight>(begin))          → 409 IDEMPOTENT_REQUEST_PROCESSING
//   ... do the work ...; store.Complete(scope, response)   (or store.Abandon(scope) to forget it)
//
// Thread-safe.
class IdempotencyStore {
 public:
  using Clock = std::function<TimePoint()>;

  struct Scope {
    std::string key;
    std::string secret_key;
    std::string path;
    std::string method;
    friend auto operator<=>(const Scope&, const Scope&) = default;
  };
  struct Started {};   // the caller owns the scope now and must Complete or Abandon it
  struct InFlight {};  // the first request with this scope has not finished
  using BeginResult = std::variant<Started, InFlight, StoredResponse>;

  // Longest accepted key (longer → INVALID_IDEMPOTENCY_KEY).
  static constexpr std::size_t kMaxKeyLength = 300;

  IdempotencyStore(std::chrono::milliseconds ttl, Clock clock);

  BeginResult Begin(const Scope& scope);
  // Stores the response of a started scope (replayed until the key expires).
  void Complete(const Scope& scope, StoredResponse response);
  // Forgets a started scope (the request did no work, e.g. it failed before processing).
  void Abandon(const Scope& scope);

  // Drops expired keys; returns how many (Begin also ignores expired entries).
  std::size_t Purge();
  std::size_t size() const;
  void Reset();
  void SetTtl(std::chrono::milliseconds ttl);

 private:
  struct Entry {
    TimePoint first_used;
    std::optional<StoredResponse> response;  // nullopt while in flight
  };
  std::chrono::milliseconds ttl_;
  Clock clock_;
  mutable std::mutex mu_;
  std::map<Scope, Entry> entries_;
};

}  // namespace eda::toss_sandbox
