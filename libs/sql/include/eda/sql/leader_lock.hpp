#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>

#include "eda/sql/connection.hpp"

namespace eda::sql {

class Pool;

// Leadership among the instances of a service that share one database: the leader holds the MariaDB
// named lock GET_LOCK(<name>) on a connection of its own. The server drops the lock with that
// connection, so a crashed or partitioned leader loses it without any timeout of ours, and the next
// Ensure() of another instance takes it. Needs no privilege and no table.
//
// Thread-safe. The held connection counts against the pool's size while this instance leads.
class LeaderLock {
 public:
  // `name`: at most 64 characters, e.g. "eda:order:sweeper".
  LeaderLock(Pool& pool, std::string name);
  ~LeaderLock();  // Release()
  LeaderLock(const LeaderLock&) = delete;
  LeaderLock& operator=(const LeaderLock&) = delete;

  // True when this instance leads after the call. Never waits for the lock: takes it when it is free;
  // while held, asks the server at most once per `recheck` that the connection still holds it (a lost
  // connection or a lock released behind our back answers false, and the next call tries again).
  bool Ensure(std::chrono::milliseconds recheck = std::chrono::seconds(1));
  // Gives the lead up: RELEASE_LOCK, or closing the connection that holds it when that fails.
  void Release();
  bool held() const;
  const std::string& name() const { return name_; }

 private:
  void ReleaseLocked();

  Pool& pool_;
  const std::string name_;
  mutable std::mutex mu_;
  std::optional<Connection> conn_;
  std::chrono::steady_clock::time_point checked_{};
};

}  // namespace eda::sql
