#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "shop_http.hpp"

namespace eda::fault_test {

struct ProductSpec {
  std::int64_t id = 0;
  std::int64_t price = 0;
  std::int64_t initial_stock = 0;
};

// What the driver did for one purchase attempt (one POST /orders that answered 201, or one that
// never did). The order service's tables, not this record, are the truth the audit checks; the
// record says what the buyer intended and saw.
struct PurchaseRecord {
  std::string order_id;            // empty: no POST /orders answered 201 before the give-up time
  std::int64_t member_id = 0;
  std::int64_t product_id = 0;
  std::int64_t count = 0;
  std::int64_t amount = 0;         // as answered by POST /orders
  bool decline = false;            // the window answers `decline`: must end PAYMENT_FAILED
  bool undeliverable = false;      // address the carrier refuses: must end CANCELLED (refunded, restocked)
  std::string payment_key;
  bool finished = false;           // finish-order answered 2xx
  int create_calls = 0;            // POST /orders calls made (more than 1: earlier ones failed)
  int finish_calls = 0;
  std::string last_error;          // the last failed call, for the report
};

struct DriverSettings {
  int threads = 6;                                  // concurrent buyers at a time
  double orders_per_second = 1.5;                   // open-model arrival rate (all threads together)
  int min_orders = 300;                             // keep going after Stop() until this many were started
  std::chrono::seconds give_up{150};                // per purchase: stop retrying its calls after this
  int decline_percent = 5;
  int undeliverable_percent = 4;
  std::uint64_t seed = 1;
};

// Runs purchases through the public routes, as shoppers would, while faults are injected:
// POST /orders → GET the order's checkout URL → sandbox window (approve/decline) →
// POST /orders/finish-order. Each call is retried
// with backoff while it fails transiently (no answer, 5xx), up to the purchase's give-up time; a
// repeated POST /orders may leave an earlier order behind (its answer was lost): the audit finds
// such orders in the database and PayOrphan() completes them.
// A second thread samples every product's stock every `sample_every` (min seen is reported).
//
// Thread safety: Start/Stop/Join from one controlling thread; Records/counters from any thread.
class PurchaseDriver {
 public:
  PurchaseDriver(const ShopHttp& http, std::vector<Account> buyers, std::vector<ProductSpec> products,
                 DriverSettings settings);
  // Abandons the purchases not started yet and waits for the ones in flight.
  ~PurchaseDriver();

  void Start();
  // Asks the driver to finish: no new purchase starts once min_orders were started.
  void Stop();
  // Waits for the threads (call after Stop).
  void Join();

  // Pays an order created by the driver's buyers but never paid (approve outcome). True when
  // finish-order answered 2xx (or the order was already finished with that key).
  bool PayOrphan(std::int64_t member_id, const std::string& order_id, std::int64_t amount, std::string* error);

  std::vector<PurchaseRecord> Records() const;
  int Started() const { return started_.load(); }
  // Lowest stock read per product during the run (initial stock if never read).
  std::vector<std::pair<std::int64_t, std::int64_t>> MinStockSeen() const;
  int StockSamples() const { return stock_samples_.load(); }

 private:
  void Worker(int index);
  void Sampler();
  void Purchase(PurchaseRecord& rec, const Account& buyer, std::uint64_t draw);
  bool Finish(PurchaseRecord& rec, const Account& buyer, std::chrono::steady_clock::time_point give_up);
  const Account* BuyerById(std::int64_t member_id) const;

  const ShopHttp& http_;
  std::vector<Account> buyers_;
  std::vector<ProductSpec> products_;
  DriverSettings settings_;
  std::chrono::steady_clock::time_point t0_;
  std::atomic<bool> stop_{false};
  std::atomic<bool> abort_{false};
  std::atomic<bool> sampler_stop_{false};
  std::atomic<int> next_{0};
  std::atomic<int> started_{0};
  std::atomic<int> stock_samples_{0};
  std::vector<std::thread> threads_;
  std::thread sampler_;
  mutable std::mutex mutex_;
  std::vector<PurchaseRecord> records_;
  std::vector<std::int64_t> min_stock_;
};

}  // namespace eda::fault_test
