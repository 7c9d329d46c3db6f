#include "connection.hpp"

#include <sys/socket.h>

#include <cerrno>

namespace eda::httpclient::detail {

bool Connection::LooksAlive() {
  if (buffer_.size() != 0) return false;
  auto& socket = Lowest().socket();
  if (!socket.is_open()) return false;
  char byte;
  // MSG_PEEK on the raw socket: 0 means the peer sent FIN, data means unsolicited bytes (for TLS,
  // usually a close_notify alert); only "would block" means a quiet, open connection.
  const ssize_t n = ::recv(socket.native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
}

void Connection::Close() noexcept {
  boost::system::error_code ignored;
  Lowest().socket().shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
  Lowest().socket().close(ignored);
}

std::unique_ptr<Connection> ConnectionPool::Take(const std::string& key) {
  std::vector<std::unique_ptr<Connection>> stale;
  std::unique_ptr<Connection> found;
  {
    std::lock_guard lock(mu_);
    auto it = idle_.find(key);
    if (it == idle_.end()) return nullptr;
    auto& conns = it->second;
    const auto now = std::chrono::steady_clock::now();
    while (!conns.empty()) {
      auto conn = std::move(conns.back());
      conns.pop_back();
      if (now - conn->idle_since < idle_timeout_ && conn->LooksAlive()) {
        found = std::move(conn);
        break;
      }
      stale.push_back(std::move(conn));
    }
  }
  for (auto& c : stale) c->Close();
  return found;
}

void ConnectionPool::Put(const std::string& key, std::unique_ptr<Connection> conn) {
  conn->idle_since = std::chrono::steady_clock::now();
  {
    std::lock_guard lock(mu_);
    auto& conns = idle_[key];
    if (conns.size() < max_idle_per_host_) {
      conns.push_back(std::move(conn));
      return;
    }
  }
  conn->Close();
}

void ConnectionPool::Clear() {
  std::unordered_map<std::string, std::vector<std::unique_ptr<Connection>>> all;
  {
    std::lock_guard lock(mu_);
    all.swap(idle_);
  }
  for (auto& [key, conns] : all) {
    for (auto& c : conns) c->Close();
  }
}

}  // namespace eda::httpclient::detail
