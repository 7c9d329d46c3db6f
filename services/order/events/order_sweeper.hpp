#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "order/domain/order_service.hpp"

namespace eda::order {

// Runs OrderService::Sweep every `interval` on its own thread and hands each report to `on_report`
// (logs, metrics, the orders-by-status gauge). Start/Stop from the owner; Stop wakes and joins.
class OrderSweeper {
 public:
  OrderSweeper(const OrderService& service, SweepSettings settings, std::chrono::milliseconds interval,
               std::function<void(const SweepReport&)> on_report)
      : service_(service), settings_(settings), interval_(interval), on_report_(std::move(on_report)) {}
  ~OrderSweeper() { Stop(); }
  OrderSweeper(const OrderSweeper&) = delete;
  OrderSweeper& operator=(const OrderSweeper&) = delete;

  void Start();
  void Stop();

 private:
  const OrderService& service_;
  SweepSettings settings_;
  std::chrono::milliseconds interval_;
  std::function<void(const SweepReport&)> on_report_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace eda::order
