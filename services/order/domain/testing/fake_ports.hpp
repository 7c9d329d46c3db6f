#pragma once

// In-memory ports for unit tests of the domain and the api (no database, no catalog service).

#include <map>
#include <mutex>

#include "order/domain/order_ports.hpp"

namespace eda::order::testing {

class FakeCatalog final : public ProductCatalog {
 public:
  std::map<ProductId, CatalogProduct> products;
  bool down = false;
  int calls = 0;
  Result<CatalogProduct, OrderError> Find(ProductId id) override {
    ++calls;
    if (down) return OrderError{OrderErrc::kCatalogUnavailable, "catalog unavailable", "fake down"};
    auto it = products.find(id);
    if (it == products.end()) return OrderError{OrderErrc::kProductNotFound, "no such product", {}};
    return it->second;
  }
};

// Saved addresses by id, each with its owner; `down` answers kDeliveryUnavailable. Records the
// credentials it was given. Credentials "member:<id>" (or "member:<id>:<ROLE>", the API tests' tokens)
// stand for that member's token.
class FakeAddressBook final : public AddressBook {
 public:
  struct Saved {
    std::int64_t owner = 0;
    std::string address;
  };
  std::map<std::int64_t, Saved> saved;
  bool down = false;
  std::string last_credentials;

  Result<std::string, OrderError> AddressOf(std::int64_t id, const std::string& credentials) override {
    last_credentials = credentials;
    if (down) return OrderError{OrderErrc::kDeliveryUnavailable, "down", "test"};
    auto it = saved.find(id);
    const std::string owner = "member:" + std::to_string(it == saved.end() ? 0 : it->second.owner);
    if (it == saved.end() || !(credentials == owner || credentials.rfind(owner + ":", 0) == 0)) {
      return OrderError{OrderErrc::kAddressNotFound, "no such address", {}};
    }
    return it->second.address;
  }
};

// Stores orders, history and the emitted messages ("outbox") in memory.
class FakeOrders final : public OrderRepository {
 public:
  std::map<OrderId, Order> orders;
  std::map<OrderId, std::vector<HistoryEntry>> history;
  std::vector<std::pair<OrderId, Emit>> outbox;
  std::string last_trace;  // the trace of the last Update

  Result<void, OrderError> Insert(const Order& o, const HistoryEntry& first) override {
    orders[o.id] = o;
    history[o.id].push_back(first);
    return {};
  }
  Result<std::optional<Order>, OrderError> Find(const OrderId& id) override {
    auto it = orders.find(id);
    if (it == orders.end()) return std::optional<Order>{};
    return std::optional<Order>{it->second};
  }
  Result<std::vector<Order>, OrderError> ListByMember(MemberId member, int offset, int limit) override {
    std::vector<Order> out;
    int skipped = 0;
    for (const auto& [id, o] : orders) {
      if (o.member_id != member) continue;
      if (skipped++ < offset) continue;
      if (static_cast<int>(out.size()) >= limit) break;
      out.push_back(o);
    }
    return out;
  }
  // product id -> seller id, as product-changed would have announced it.
  std::map<ProductId, MemberId> product_sellers;
  Result<std::vector<Order>, OrderError> ListBySeller(MemberId seller, int offset, int limit) override {
    std::vector<Order> out;
    int skipped = 0;
    for (const auto& [id, o] : orders) {
      auto it = product_sellers.find(o.product_id);
      if (it == product_sellers.end() || it->second != seller) continue;
      if (skipped++ < offset) continue;
      if (static_cast<int>(out.size()) >= limit) break;
      out.push_back(o);
    }
    return out;
  }
  Result<std::vector<HistoryEntry>, OrderError> History(const OrderId& id) override {
    auto it = history.find(id);
    if (it == history.end()) return std::vector<HistoryEntry>{};
    return it->second;
  }
  Result<std::optional<Outcome>, OrderError> Update(const OrderId& id, const Decider& decide,
                                                    std::string_view trace = {}) override {
    last_trace = std::string(trace);
    auto it = orders.find(id);
    if (it == orders.end()) return std::optional<Outcome>{};
    Outcome out = decide(it->second);
    if (out.history) {
      it->second = out.order;
      history[it->second.id].push_back(*out.history);
      for (Emit e : out.emits) outbox.emplace_back(it->second.id, e);
    }
    return std::optional<Outcome>{std::move(out)};
  }
  Result<std::vector<OrderId>, OrderError> FindDue(OrderStatus status, TimePoint before, int limit) override {
    std::vector<OrderId> out;
    for (const auto& [id, o] : orders) {
      if (o.status == status && o.updated_at < before && !o.flagged && static_cast<int>(out.size()) < limit) out.push_back(id);
    }
    return out;
  }
};

}  // namespace eda::order::testing
