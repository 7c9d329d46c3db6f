#include "connections.hpp"

#include <vector>

#include <boost/asio/post.hpp>

namespace eda::http {

std::shared_ptr<Connections::Handle> Connections::Add(boost::asio::any_io_executor strand,
                                                      std::function<void()> cancel) {
  auto h = std::make_shared<Handle>();
  h->strand = std::move(strand);
  h->cancel = std::move(cancel);
  std::lock_guard lock(mu_);
  handles_.emplace(h.get(), h);
  return h;
}

void Connections::Remove(const std::shared_ptr<Handle>& handle) {
  std::lock_guard lock(mu_);
  handles_.erase(handle.get());
  if (handles_.empty()) empty_.notify_all();
}

void Connections::CloseIdle() {
  std::vector<std::shared_ptr<Handle>> all;
  {
    std::lock_guard lock(mu_);
    for (auto& [_, h] : handles_) all.push_back(h);
  }
  for (auto& h : all) {
    boost::asio::post(h->strand, [h] {
      if (!h->busy && h->cancel) h->cancel();
    });
  }
}

void Connections::CancelAll() {
  std::vector<std::shared_ptr<Handle>> all;
  {
    std::lock_guard lock(mu_);
    for (auto& [_, h] : handles_) all.push_back(h);
  }
  for (auto& h : all) {
    boost::asio::post(h->strand, [h] {
      if (h->cancel) h->cancel();
    });
  }
}

bool Connections::WaitEmpty(std::chrono::steady_clock::time_point deadline) {
  std::unique_lock lock(mu_);
  return empty_.wait_until(lock, deadline, [&] { return handles_.empty(); });
}

std::size_t Connections::size() const {
  std::lock_guard lock(mu_);
  return handles_.size();
}

}  // namespace eda::http
