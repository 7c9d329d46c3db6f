#pragma once

// In-memory fakes of the delivery ports for unit tests.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "delivery/domain/carrier.hpp"
#include "delivery/domain/delivery_ports.hpp"
#include "delivery/domain/delivery_rules.hpp"
#include "delivery/domain/delivery_service.hpp"

namespace eda::delivery::testing {

// Books with tracking number "<CODE>-<order id>"; `book_error` / `track_status` script outcomes.
class FakeCarrier : public Carrier {
 public:
  explicit FakeCarrier(CarrierCode code) : code_(code) {}
  CarrierCode code() const noexcept override { return code_; }
  Result<std::string> Book(const DeliveryRequest& r) override {
    ++book_calls;
    if (book_error) return *book_error;
    return std::string(ToString(code_)) + "-" + r.order_id.value();
  }
  Result<CarrierStatus> Track(const std::string&) override {
    ++track_calls;
    if (track_error) return *track_error;
    return track_status;
  }
  Result<bool> Cancel(const std::string&) override {
    ++cancel_calls;
    if (cancel_error) return *cancel_error;
    return !picked_up;
  }
  std::optional<Error> book_error;
  std::optional<Error> track_error;
  std::optional<Error> cancel_error;
  bool picked_up = false;  // Cancel answers "too late"
  int cancel_calls = 0;
  CarrierStatus track_status = CarrierStatus::kAccepted;
  int book_calls = 0;
  int track_calls = 0;

 private:
  CarrierCode code_;
};

class FakeDirectory : public CarrierDirectory {
 public:
  FakeDirectory() {
    for (auto c : {CarrierCode::kHanjin, CarrierCode::kLotte, CarrierCode::kCj}) {
      carriers_.emplace(std::string(ToString(c)), std::make_unique<FakeCarrier>(c));
    }
  }
  Carrier* Find(std::string_view company) const override {
    auto it = carriers_.find(std::string(company));
    return it == carriers_.end() ? nullptr : it->second.get();
  }
  FakeCarrier& Get(std::string_view company) { return *carriers_.at(std::string(company)); }

 private:
  std::map<std::string, std::unique_ptr<FakeCarrier>> carriers_;
};

// Rows and emitted events in memory. Not transactional: tests check the sequence of calls.
struct FakeStore : DeliveryUnitOfWork, TransitionStore {
  struct Event {
    std::string topic;
    OrderId order_id;
    std::string status_or_reason;
  };
  std::map<OrderId, Delivery> by_order;
  std::vector<Event> events;
  std::int64_t next_id = 1;

  // A runner for ProcessDeliveryRequest's steps: every "transaction" works on this store.
  UnitOfWorkRunner Runner() {
    return [this](const std::function<Status(DeliveryUnitOfWork&)>& work) { return work(*this); };
  }

  Result<std::optional<Delivery>> FindByOrderForUpdate(const OrderId& order_id) override {
    auto it = by_order.find(order_id);
    if (it == by_order.end()) return std::optional<Delivery>{};
    return std::optional<Delivery>{it->second};
  }
  Result<DeliveryId> Insert(const DeliveryRequest& r) override {
    Delivery d;
    d.id = DeliveryId(next_id++);
    d.request = r;
    by_order[r.order_id] = d;
    return d.id;
  }
  Status MarkBooked(const Delivery& d, const std::string& ref) override {
    by_order[d.request.order_id].reference_code = ref;
    events.push_back({"order-complete", d.request.order_id, "REQUESTED"});
    return {};
  }
  Status MarkFailed(const Delivery& d, const std::string& reason) override {
    by_order[d.request.order_id].status = DeliveryStatus::kFailed;
    by_order[d.request.order_id].failure_reason = reason;
    events.push_back({"delivery-failed", d.request.order_id, reason});
    return {};
  }
  Status InsertFailed(const ShipmentCancelRequest& r, const std::string& reason) override {
    Delivery d;
    d.id = DeliveryId(next_id++);
    d.request.order_id = r.order_id;
    d.request.payment_key = r.payment_key;
    d.request.amount = r.amount;
    d.status = DeliveryStatus::kFailed;
    d.failure_reason = reason;
    by_order[r.order_id] = d;
    events.push_back({"delivery-failed", r.order_id, reason});
    return {};
  }
  Result<bool> Apply(const Delivery& d, const std::vector<DeliveryStatus>& steps) override {
    auto& row = by_order[d.request.order_id];
    if (row.status != d.status) return false;
    for (auto s : steps) {
      row.status = s;
      events.push_back({"delivery-status-update", d.request.order_id, std::string(ToString(s))});
    }
    return true;
  }
};

}  // namespace eda::delivery::testing
