#include "purchase_driver.hpp"

#include <algorithm>

namespace eda::fault_test {

namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

constexpr const char* kCompanies[] = {"HANJIN", "LOTTE", "CJ"};

// splitmix64: independent, reproducible draws per purchase number.
std::uint64_t Mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

std::chrono::milliseconds Backoff(int attempt) {
  return std::min<std::chrono::milliseconds>(4000ms, 250ms * (1 << std::min(attempt, 5)));
}

}  // namespace

PurchaseDriver::PurchaseDriver(const ShopHttp& http, std::vector<Account> buyers, std::vector<ProductSpec> products,
                               DriverSettings settings)
    : http_(http), buyers_(std::move(buyers)), products_(std::move(products)), settings_(settings) {
  for (const ProductSpec& p : products_) min_stock_.push_back(p.initial_stock);
}

PurchaseDriver::~PurchaseDriver() {
  abort_ = true;  // leaving early (a failed assertion): no catching up to min_orders
  stop_ = true;
  Join();
}

void PurchaseDriver::Start() {
  t0_ = Clock::now();
  for (int i = 0; i < settings_.threads; ++i) threads_.emplace_back([this, i] { Worker(i); });
  sampler_ = std::thread([this] { Sampler(); });
}

void PurchaseDriver::Stop() { stop_ = true; }

void PurchaseDriver::Join() {
  for (std::thread& t : threads_) {
    if (t.joinable()) t.join();
  }
  threads_.clear();
  sampler_stop_ = true;
  if (sampler_.joinable()) sampler_.join();
}

void PurchaseDriver::Worker(int /*index*/) {
  for (;;) {
    const int n = next_.fetch_add(1);
    if (abort_.load() || (stop_.load() && n >= settings_.min_orders)) return;
    // Open model: purchase n is due at n / rate, whoever picks it up.
    const auto due = t0_ + std::chrono::duration_cast<Clock::duration>(
                               std::chrono::duration<double>(n / settings_.orders_per_second));
    while (Clock::now() < due) {
      // After Stop() the remaining purchases up to min_orders run back to back.
      if (stop_.load()) break;
      std::this_thread::sleep_for(std::min<Clock::duration>(due - Clock::now(), 200ms));
    }
    const std::uint64_t draw = Mix(settings_.seed * 1000003ULL + static_cast<std::uint64_t>(n));
    const Account& buyer = buyers_[static_cast<std::size_t>(n) % buyers_.size()];
    PurchaseRecord rec;
    started_.fetch_add(1);
    Purchase(rec, buyer, draw);
    std::lock_guard lock(mutex_);
    records_.push_back(std::move(rec));
  }
}

void PurchaseDriver::Purchase(PurchaseRecord& rec, const Account& buyer, std::uint64_t draw) {
  const ProductSpec& product = products_[draw % products_.size()];
  rec.member_id = buyer.id;
  rec.product_id = product.id;
  rec.count = static_cast<std::int64_t>(1 + (draw >> 8) % 3);
  rec.decline = static_cast<int>((draw >> 16) % 100) < settings_.decline_percent;
  rec.undeliverable = !rec.decline && static_cast<int>((draw >> 24) % 100) < settings_.undeliverable_percent;
  const std::string company = kCompanies[(draw >> 32) % 3];
  const std::string address = rec.undeliverable ? "UNDELIVERABLE pier " + std::to_string(draw % 997)
                                                : "Seoul fault-street " + std::to_string(draw % 997);
  const auto give_up = Clock::now() + settings_.give_up;

  CreatedOrder created;
  for (int attempt = 0;; ++attempt) {
    ++rec.create_calls;
    HttpReply r = http_.CreateOrder(buyer, rec.product_id, rec.count, company, address, &created);
    if (r.Ok()) break;
    rec.last_error = "create: " + r.Describe();
    if (!r.Transient() || Clock::now() + Backoff(attempt) > give_up) return;
    std::this_thread::sleep_for(Backoff(attempt));
  }
  rec.order_id = created.order_id;
  rec.amount = created.amount;

  for (int attempt = 0;; ++attempt) {
    HttpReply r = http_.PayInWindow(rec.order_id, rec.decline ? "decline" : "approve", &rec.payment_key);
    if (r.Ok()) break;
    rec.last_error = "window: " + r.Describe();
    if (!r.Transient() || Clock::now() + Backoff(attempt) > give_up) return;
    std::this_thread::sleep_for(Backoff(attempt));
  }
  Finish(rec, buyer, give_up);
}

bool PurchaseDriver::Finish(PurchaseRecord& rec, const Account& buyer, Clock::time_point give_up) {
  for (int attempt = 0;; ++attempt) {
    ++rec.finish_calls;
    HttpReply r = http_.FinishOrder(buyer, rec.order_id, rec.payment_key, rec.amount);
    if (r.Ok()) {
      rec.finished = true;
      return true;
    }
    rec.last_error = "finish: " + r.Describe();
    if (!r.Transient() || Clock::now() + Backoff(attempt) > give_up) return false;
    std::this_thread::sleep_for(Backoff(attempt));
  }
}

const Account* PurchaseDriver::BuyerById(std::int64_t member_id) const {
  for (const Account& a : buyers_) {
    if (a.id == member_id) return &a;
  }
  return nullptr;
}

bool PurchaseDriver::PayOrphan(std::int64_t member_id, const std::string& order_id, std::int64_t amount,
                               std::string* error) {
  const Account* buyer = BuyerById(member_id);
  if (buyer == nullptr) {
    *error = "not one of the driver's buyers";
    return false;
  }
  PurchaseRecord rec;
  rec.member_id = member_id;
  rec.order_id = order_id;
  rec.amount = amount;
  const auto give_up = Clock::now() + 60s;
  for (int attempt = 0;; ++attempt) {
    HttpReply r = http_.PayInWindow(order_id, "approve", &rec.payment_key);
    if (r.Ok()) break;
    *error = "window: " + r.Describe();
    if (!r.Transient() || Clock::now() + Backoff(attempt) > give_up) return false;
    std::this_thread::sleep_for(Backoff(attempt));
  }
  const bool ok = Finish(rec, *buyer, give_up);
  if (!ok) *error = rec.last_error;
  return ok;
}

void PurchaseDriver::Sampler() {
  while (!sampler_stop_.load()) {
    for (std::size_t i = 0; i < products_.size(); ++i) {
      auto stock = http_.ProductStock(products_[i].id);
      if (!stock.ok()) continue;  // catalog or Cassandra down: nothing to sample
      stock_samples_.fetch_add(1);
      std::lock_guard lock(mutex_);
      min_stock_[i] = std::min(min_stock_[i], *stock);
    }
    for (int i = 0; i < 10 && !sampler_stop_.load(); ++i) std::this_thread::sleep_for(200ms);
  }
}

std::vector<PurchaseRecord> PurchaseDriver::Records() const {
  std::lock_guard lock(mutex_);
  return records_;
}

std::vector<std::pair<std::int64_t, std::int64_t>> PurchaseDriver::MinStockSeen() const {
  std::lock_guard lock(mutex_);
  std::vector<std::pair<std::int64_t, std::int64_t>> out;
  for (std::size_t i = 0; i < products_.size(); ++i) out.emplace_back(products_[i].id, min_stock_[i]);
  return out;
}

}  // namespace eda::fault_test
