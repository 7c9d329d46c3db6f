#pragma once

#include <algorithm>
#include <map>
#include <mutex>
#include <set>

#include "catalog/domain/catalog_ports.hpp"

namespace eda::catalog::testing {

// In-memory ProductStore with the same CAS/LWT semantics as the Cassandra one (one mutex = one
// linearizable node). `fail_next_cas_after_apply` simulates a CAS whose answer is lost after it applied.
class FakeProductStore : public ProductStore {
 public:
  Result<std::optional<Product>> Find(ProductId id) override {
    std::lock_guard lock(mu_);
    auto it = products_.find(id.value());
    if (it == products_.end()) return std::optional<Product>{};
    Product p = it->second.product;
    p.stock = it->second.stock;
    return std::optional<Product>(p);
  }
  Status Insert(const Product& p) override {
    std::lock_guard lock(mu_);
    if (!products_.contains(p.id.value())) products_[p.id.value()] = Row{p, p.stock, 0, {}};
    by_seller_[p.seller_id.value()].insert(p.id.value());
    return {};
  }
  Status UpdateDetails(const Product& p) override {
    std::lock_guard lock(mu_);
    auto& row = products_.at(p.id.value());
    const std::int64_t stock = row.stock;
    row.product = p;
    row.product.stock = stock;
    return {};
  }
  Status MarkDeleted(const Product& p, TimePoint at) override {
    std::lock_guard lock(mu_);
    products_.at(p.id.value()).product.deleted_at = at;
    by_seller_[p.seller_id.value()].erase(p.id.value());
    return {};
  }
  Result<IdPage> ListIdsBySeller(SellerId seller, const std::string& cursor, int size) override {
    std::lock_guard lock(mu_);
    IdPage page;
    const std::int64_t after = cursor.empty() ? 0 : std::stoll(cursor);
    const auto& ids = by_seller_[seller.value()];
    for (auto it = ids.upper_bound(after); it != ids.end(); ++it) {
      if (static_cast<int>(page.ids.size()) == size) {
        page.next_cursor = std::to_string(page.ids.back().value());
        break;
      }
      page.ids.emplace_back(*it);
    }
    return page;
  }
  Result<StockSnapshot> ReadStock(ProductId id) override {
    std::lock_guard lock(mu_);
    return SnapshotLocked(id);
  }
  Result<CasResult> CasStock(ProductId id, const StockSnapshot& expected, std::int64_t new_stock,
                             const std::optional<std::string>& add_op) override {
    std::lock_guard lock(mu_);
    ++cas_calls_;
    auto it = products_.find(id.value());
    if (it == products_.end()) return CasResult{false, StockSnapshot{}};
    Row& row = it->second;
    if (row.version != expected.version || row.stock != expected.stock) return CasResult{false, SnapshotLocked(id)};
    if (new_stock < 0) throw std::logic_error("negative stock written");
    row.stock = new_stock;
    ++row.version;
    if (add_op) row.ops.insert(*add_op);
    if (lose_next_cas_answer_) {
      lose_next_cas_answer_ = false;
      return Error::Transient("cql.write_timeout", "CAS answer lost");
    }
    return CasResult{true, SnapshotLocked(id)};
  }
  Status ClearOp(ProductId id, const std::string& marker) override {
    std::lock_guard lock(mu_);
    if (auto it = products_.find(id.value()); it != products_.end()) it->second.ops.erase(marker);
    return {};
  }
  Result<CreateResult> CreateReservation(const Reservation& r) override {
    std::lock_guard lock(mu_);
    auto [it, inserted] = reservations_.emplace(r.order_id, r);
    return CreateResult{inserted, it->second};
  }
  Result<bool> TransitionReservation(const std::string& order_id, ReservationState from, ReservationState to,
                                     const std::string& reason) override {
    std::lock_guard lock(mu_);
    auto it = reservations_.find(order_id);
    if (it == reservations_.end() || it->second.state != from) return false;
    it->second.state = to;
    if (!reason.empty()) it->second.reason = reason;
    return true;
  }
  Result<std::optional<Reservation>> FindReservation(const std::string& order_id) override {
    std::lock_guard lock(mu_);
    auto it = reservations_.find(order_id);
    if (it == reservations_.end()) return std::optional<Reservation>{};
    return std::optional<Reservation>(it->second);
  }

  // Test controls and probes.
  void LoseNextCasAnswer() {
    std::lock_guard lock(mu_);
    lose_next_cas_answer_ = true;
  }
  std::int64_t Stock(ProductId id) {
    std::lock_guard lock(mu_);
    return products_.at(id.value()).stock;
  }
  std::size_t OpCount(ProductId id) {
    std::lock_guard lock(mu_);
    return products_.at(id.value()).ops.size();
  }
  int cas_calls() {
    std::lock_guard lock(mu_);
    return cas_calls_;
  }

 private:
  struct Row {
    Product product;
    std::int64_t stock = 0;
    std::int64_t version = 0;
    std::set<std::string> ops;
  };
  StockSnapshot SnapshotLocked(ProductId id) {
    StockSnapshot s;
    auto it = products_.find(id.value());
    if (it == products_.end()) return s;
    s.exists = true;
    s.deleted = it->second.product.deleted();
    s.stock = it->second.stock;
    s.version = it->second.version;
    s.ops.assign(it->second.ops.begin(), it->second.ops.end());
    return s;
  }

  std::mutex mu_;
  std::map<std::int64_t, Row> products_;
  std::map<std::int64_t, std::set<std::int64_t>> by_seller_;
  std::map<std::string, Reservation> reservations_;
  bool lose_next_cas_answer_ = false;
  int cas_calls_ = 0;
};

// In-memory ProductLedger: ids, states and the events recorded.
class FakeProductLedger : public ProductLedger {
 public:
  Result<ProductId> AllocateId(SellerId) override {
    std::lock_guard lock(mu_);
    const std::int64_t id = ++next_id_;
    states_[id] = "PENDING";
    return ProductId{id};
  }
  Result<bool> Record(ProductId id, Transition t, const std::vector<ProductEvent>& events) override {
    std::lock_guard lock(mu_);
    auto it = states_.find(id.value());
    if (it == states_.end()) return false;
    std::string& state = it->second;
    bool moved = false;
    switch (t) {
      case Transition::kActivate: moved = state == "PENDING"; if (moved) state = "ACTIVE"; break;
      case Transition::kTouch: moved = true; break;
      case Transition::kDelete: moved = state != "DELETED"; if (moved) state = "DELETED"; break;
      case Transition::kAbandon: moved = state == "PENDING"; if (moved) state = "ABANDONED"; break;
    }
    if (moved) {
      for (const auto& e : events) {
        if (std::any_of(events_.begin(), events_.end(), [&](const ProductEvent& x) { return x.event_id == e.event_id; })) {
          return Error::Permanent("sql.duplicate_key", "duplicate event id " + e.event_id);
        }
        events_.push_back(e);
      }
    }
    return moved;
  }
  Result<std::vector<ProductId>> ListPending(TimePoint, int) override {
    std::lock_guard lock(mu_);
    std::vector<ProductId> out;
    for (const auto& [id, state] : states_) {
      if (state == "PENDING") out.emplace_back(id);
    }
    return out;
  }

  std::vector<ProductEvent> events() {
    std::lock_guard lock(mu_);
    return events_;
  }
  std::string State(ProductId id) {
    std::lock_guard lock(mu_);
    return states_[id.value()];
  }

 private:
  std::mutex mu_;
  std::int64_t next_id_ = 0;
  std::map<std::int64_t, std::string> states_;
  std::vector<ProductEvent> events_;
};

}  // namespace eda::catalog::testing
