#pragma once

#include <algorithm>
#include <map>
#include <mutex>
#include <set>

#include "catalog/domain/catalog_ports.hpp"
#include "catalog/domain/catalog_service.hpp"
#include "catalog/domain/stock_ports.hpp"

namespace eda::catalog::testing {

// In-memory ProductStore (the Cassandra side). The stock projection keeps the highest version.
class FakeProductStore : public ProductStore {
 public:
  Result<std::optional<Product>> Find(ProductId id) override {
    std::lock_guard lock(mu_);
    auto it = products_.find(id.value());
    if (it == products_.end()) return std::optional<Product>{};
    return std::optional<Product>(it->second.product);
  }
  Status Insert(const Product& p) override {
    std::lock_guard lock(mu_);
    if (!products_.contains(p.id.value())) products_[p.id.value()] = Row{p, 0};
    by_seller_[p.seller_id.value()].insert(p.id.value());
    return {};
  }
  Status UpdateDetails(const Product& p) override {
    std::lock_guard lock(mu_);
    auto& row = products_.at(p.id.value());
    const std::int64_t stock = row.product.stock;
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
  Status ProjectStock(ProductId id, std::int64_t stock, std::int64_t version) override {
    std::lock_guard lock(mu_);
    auto it = products_.find(id.value());
    if (it == products_.end() || version < it->second.stock_version) return {};
    it->second.product.stock = stock;
    it->second.stock_version = version;
    return {};
  }

 private:
  struct Row {
    Product product;
    std::int64_t stock_version = 0;
  };
  std::mutex mu_;
  std::map<std::int64_t, Row> products_;
  std::map<std::int64_t, std::set<std::int64_t>> by_seller_;
};

// In-memory MariaDB side: the ledger rows, reservations and recorded events, with transactions
// (StockTransactions::Run) that are serializable (one at a time) and all-or-nothing (they work on a
// copy that replaces the state only on success). Also a StockUnitOfWork factory for one
// transaction (Begin/Commit) so batch code can be driven step by step.
class FakeProductLedger : public ProductLedger, public StockTransactions {
 public:
  struct Tables {
    std::map<ProductId, StockRow> rows;
    std::map<std::string, Reservation> reservations;
    std::vector<ProductEvent> events;
  };

  Result<ProductId> AllocateId(const Product& p) override {
    std::lock_guard lock(mu_);
    const ProductId id{++next_id_};
    StockRow row;
    row.id = id;
    row.seller_id = p.seller_id;
    row.state = ListingState::kPending;
    row.stock = p.stock;
    row.name = p.name;
    row.price = p.price;
    row.tags = p.tags;
    state_.rows[id] = row;
    return id;
  }
  Result<bool> Record(ProductId id, Transition t, const std::vector<ProductEvent>& events) override {
    std::lock_guard lock(mu_);
    auto it = state_.rows.find(id);
    if (it == state_.rows.end()) return false;
    ListingState& state = it->second.state;
    bool moved = false;
    switch (t) {
      case Transition::kActivate: moved = state == ListingState::kPending; if (moved) state = ListingState::kActive; break;
      case Transition::kTouch: moved = true; break;
      case Transition::kDelete:
        moved = state == ListingState::kPending || state == ListingState::kActive;
        if (moved) state = ListingState::kDeleted;
        break;
      case Transition::kAbandon: moved = state == ListingState::kPending; if (moved) state = ListingState::kAbandoned; break;
    }
    if (moved) {
      for (ProductEvent e : events) {
        if (std::any_of(state_.events.begin(), state_.events.end(), [&](const ProductEvent& x) { return x.event_id == e.event_id; })) {
          return Error::Permanent("sql.duplicate_key", "duplicate event id " + e.event_id);
        }
        if (e.kind == ProductEvent::Kind::kChanged) {
          if (it->second.stock) e.product.stock = *it->second.stock;
          e.stock_version = it->second.version;
          it->second.name = e.product.name;
          it->second.price = e.product.price;
          it->second.tags = e.product.tags;
        }
        state_.events.push_back(e);
      }
    }
    return moved;
  }
  Result<std::vector<ProductId>> ListPending(TimePoint, int) override {
    std::lock_guard lock(mu_);
    std::vector<ProductId> out;
    for (const auto& [id, row] : state_.rows)
      if (row.state == ListingState::kPending) out.push_back(id);
    return out;
  }
  Result<std::vector<ProductId>> ListWithoutStock(int limit) override {
    std::lock_guard lock(mu_);
    std::vector<ProductId> out;
    for (const auto& [id, row] : state_.rows)
      if (!row.stock && row.state == ListingState::kActive && static_cast<int>(out.size()) < limit) out.push_back(id);
    return out;
  }
  Status AdoptStock(const Product& p) override {
    std::lock_guard lock(mu_);
    auto it = state_.rows.find(p.id);
    if (it != state_.rows.end() && !it->second.stock) it->second.stock = p.stock;
    return {};
  }

  Status Run(const std::function<Status(StockUnitOfWork&)>& work) override {
    std::lock_guard lock(mu_);
    Tables copy = state_;
    Uow uow(copy, fail_save_stock_);
    Status s = work(uow);
    if (s.ok()) state_ = std::move(copy);
    return s;
  }

  // Test controls and probes.
  void ForgetStock(ProductId id) {  // a product registered before the ledger
    std::lock_guard lock(mu_);
    state_.rows.at(id).stock.reset();
  }
  void FailSaveStock(bool fail) {
    std::lock_guard lock(mu_);
    fail_save_stock_ = fail;
  }
  std::optional<std::int64_t> Stock(ProductId id) {
    std::lock_guard lock(mu_);
    return state_.rows.at(id).stock;
  }
  std::optional<Reservation> ReservationOf(const std::string& order) {
    std::lock_guard lock(mu_);
    auto it = state_.reservations.find(order);
    if (it == state_.reservations.end()) return std::nullopt;
    return it->second;
  }
  std::vector<ProductEvent> events() {
    std::lock_guard lock(mu_);
    return state_.events;
  }
  std::string State(ProductId id) {
    std::lock_guard lock(mu_);
    return std::string(ListingStateName(state_.rows.at(id).state));
  }

 private:
  class Uow : public StockUnitOfWork {
   public:
    Uow(Tables& s, bool fail_save_stock) : s_(s), fail_save_stock_(fail_save_stock) {}
    Result<std::vector<StockRow>> LockProducts(std::vector<ProductId> ids) override {
      std::vector<StockRow> out;
      std::sort(ids.begin(), ids.end());
      ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
      for (ProductId id : ids)
        if (auto it = s_.rows.find(id); it != s_.rows.end()) out.push_back(it->second);
      return out;
    }
    Result<std::vector<Reservation>> LockReservations(const std::vector<std::string>& order_ids) override {
      return FindReservations(order_ids);
    }
    Result<std::vector<Reservation>> FindReservations(const std::vector<std::string>& order_ids) override {
      std::vector<Reservation> out;
      for (const auto& o : order_ids)
        if (auto it = s_.reservations.find(o); it != s_.reservations.end()) out.push_back(it->second);
      return out;
    }
    Status SaveReservations(const std::vector<Reservation>& inserts, const std::vector<Reservation>& updates) override {
      for (const auto& r : inserts) {
        if (s_.reservations.count(r.order_id) != 0) return Error::Permanent("sql.duplicate_key", r.order_id);
        s_.reservations[r.order_id] = r;
      }
      for (const auto& r : updates) {
        if (s_.reservations.count(r.order_id) == 0) throw std::logic_error("update of a missing reservation");
        s_.reservations[r.order_id] = r;
      }
      return {};
    }
    Status SaveStock(const StockRow& row) override {
      if (fail_save_stock_) return Error::Transient("sql.connection", "lost");
      if (row.stock && *row.stock < 0) throw std::logic_error("negative stock written");
      StockRow& stored = s_.rows.at(row.id);
      if (row.version <= stored.version) throw std::logic_error("stock version did not grow");
      stored.stock = row.stock;
      stored.version = row.version;
      s_.events.push_back(CatalogService::StockChangedEvent(row));
      return {};
    }

   private:
    Tables& s_;
    bool fail_save_stock_;
  };

  std::mutex mu_;
  std::int64_t next_id_ = 0;
  Tables state_;
  bool fail_save_stock_ = false;
};

}  // namespace eda::catalog::testing
