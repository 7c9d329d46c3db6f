#include "toss-sandbox/domain/idempotency_store.hpp"

namespace eda::toss_sandbox {

IdempotencyStore::IdempotencyStore(std::chrono::milliseconds ttl, Clock clock) : ttl_(ttl), clock_(std::move(clock)) {}

IdempotencyStore::BeginResult IdempotencyStore::Begin(const Scope& scope) {
  std::lock_guard lk(mu_);
  const TimePoint now = clock_();
  auto it = entries_.find(scope);
  if (it != entries_.end() && now - it->second.first_used >= ttl_) {
    entries_.erase(it);
    it = entries_.end();
  }
  if (it == entries_.end()) {
    entries_.emplace(scope, Entry{now, std::nullopt});
    return Started{};
  }
  if (!it->second.response) return InFlight{};
  return *it->second.response;
}

void IdempotencyStore::Complete(const Scope& scope, StoredResponse response) {
  std::lock_guard lk(mu_);
  auto it = entries_.find(scope);
  if (it != entries_.end()) it->second.response = std::move(response);
}

void IdempotencyStore::Abandon(const Scope& scope) {
  std::lock_guard lk(mu_);
  auto it = entries_.find(scope);
  if (it != entries_.end() && !it->second.response) entries_.erase(it);
}

std::size_t IdempotencyStore::Purge() {
  std::lock_guard lk(mu_);
  const TimePoint now = clock_();
  return std::erase_if(entries_, [&](const auto& kv) { return now - kv.second.first_used >= ttl_; });
}

std::size_t IdempotencyStore::size() const {
  std::lock_guard lk(mu_);
  return entries_.size();
}

void IdempotencyStore::Reset() {
  std::lock_guard lk(mu_);
  entries_.clear();
}

void IdempotencyStore::SetTtl(std::chrono::milliseconds ttl) {
  std::lock_guard lk(mu_);
  ttl_ = ttl;
}

}  // namespace eda::toss_sandbox
