#include "eda/auth/revocation_list.hpp"

#include <atomic>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>

namespace eda::auth {

struct RevocationList::Impl {
  struct Revoked {
    std::int64_t min_version;
    std::chrono::system_clock::time_point applied_at;
  };
  std::chrono::seconds keep;
  Clock clock;
  mutable std::shared_mutex mutex;
  std::unordered_map<std::int64_t, Revoked> members;
  std::atomic<std::int64_t> cursor{0};
  std::atomic<bool> loaded{false};
};

RevocationList::RevocationList(std::chrono::seconds keep, Clock clock) : impl_(std::make_unique<Impl>()) {
  impl_->keep = keep;
  impl_->clock = clock ? std::move(clock) : SystemClock();
}

RevocationList::~RevocationList() = default;

void RevocationList::Apply(std::span<const Entry> entries) {
  const auto now = impl_->clock();
  std::unique_lock lock(impl_->mutex);
  std::erase_if(impl_->members, [&](const auto& kv) { return now - kv.second.applied_at >= impl_->keep; });
  std::int64_t cursor = impl_->cursor.load();
  for (const Entry& e : entries) {
    auto [it, inserted] = impl_->members.try_emplace(e.member_id, Impl::Revoked{e.min_version, now});
    if (!inserted && e.min_version >= it->second.min_version) it->second = Impl::Revoked{e.min_version, now};
    cursor = std::max(cursor, e.seq);
  }
  impl_->cursor.store(cursor);
  impl_->loaded.store(true);
}

std::int64_t RevocationList::cursor() const { return impl_->cursor.load(); }
bool RevocationList::loaded() const { return impl_->loaded.load(); }

RevocationList::Verdict RevocationList::Check(std::int64_t member_id, std::int64_t token_version) const {
  if (!impl_->loaded.load()) return Verdict::kNotLoaded;
  std::shared_lock lock(impl_->mutex);
  const auto it = impl_->members.find(member_id);
  if (it == impl_->members.end() || token_version >= it->second.min_version) return Verdict::kValid;
  return Verdict::kRevoked;
}

}  // namespace eda::auth
