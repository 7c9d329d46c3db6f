#include "eda/sql/leader_lock.hpp"

#include <stdexcept>

#include "eda/sql/pool.hpp"

namespace eda::sql {

LeaderLock::LeaderLock(Pool& pool, std::string name) : pool_(pool), name_(std::move(name)) {
  // MariaDB refuses longer lock names at run time; a bad name is a wiring bug.
  if (name_.empty() || name_.size() > 64) throw std::invalid_argument("LeaderLock: name must have 1..64 characters");
}

LeaderLock::~LeaderLock() { Release(); }

bool LeaderLock::Ensure(std::chrono::milliseconds recheck) {
  std::lock_guard lock(mu_);
  const auto now = std::chrono::steady_clock::now();
  if (conn_) {
    if (now - checked_ < recheck) return true;
    auto mine = conn_->Query("SELECT IS_USED_LOCK(?) = CONNECTION_ID() AS mine", {name_});
    if (mine && !mine->empty() && !(*mine)[0].IsNull("mine") && (*mine)[0].Get<std::int64_t>("mine") == 1) {
      checked_ = now;
      return true;
    }
    ReleaseLocked();
  }
  auto conn = pool_.Acquire(std::chrono::milliseconds(500));
  if (!conn) return false;
  // 0 s: an instance that does not lead goes on at once; it asks again at its next round.
  auto got = conn->Query("SELECT GET_LOCK(?, 0) AS got", {name_});
  if (!got || got->empty() || (*got)[0].IsNull("got") || (*got)[0].Get<std::int64_t>("got") != 1) return false;
  conn_.emplace(std::move(conn).value());
  checked_ = now;
  return true;
}

void LeaderLock::Release() {
  std::lock_guard lock(mu_);
  ReleaseLocked();
}

void LeaderLock::ReleaseLocked() {
  if (!conn_) return;
  // RELEASE_LOCK answers once the lock is free, so another instance can lead at once (the server
  // notices a closed session only a moment later). When it does not answer 1 the session is closed
  // instead: a pooled connection must never keep the lock.
  auto released = conn_->Query("SELECT RELEASE_LOCK(?) AS released", {name_});
  if (!released || released->empty() || (*released)[0].IsNull("released") ||
      (*released)[0].Get<std::int64_t>("released") != 1)
    conn_->MarkBroken();
  conn_.reset();
}

bool LeaderLock::held() const {
  std::lock_guard lock(mu_);
  return conn_.has_value();
}

}  // namespace eda::sql
