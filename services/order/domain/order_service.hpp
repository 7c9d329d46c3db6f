#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "order/domain/order_ports.hpp"

namespace eda::order {

// Who calls: from the verified access token. Unauthenticated callers never reach owner-checked use cases.
struct Caller {
  MemberId member_id;
  bool admin = false;
  std::string credentials{};  // the caller's bearer token, forwarded to the address book only
};

// Exactly one of address and address_id (a saved address of the buyer's address book).
struct CreateOrderInput {
  ProductId product_id;
  std::int64_t product_count = 0;
  std::string delivery_company;
  std::string address;
  std::optional<std::int64_t> address_id{};
};

struct OrderView {
  Order order;
  std::vector<HistoryEntry> history;
};

// Deadlines of the sweeper.
struct SweepSettings {
  std::chrono::seconds created_deadline{30 * 60};          // CREATED longer than this -> EXPIRED
  std::chrono::seconds payment_requested_deadline{60};     // PAYMENT_REQUESTED: re-publish after this
  std::chrono::seconds paid_deadline{60};                  // PAID: re-publish the stock request after this
  std::chrono::seconds cancelling_deadline{120};           // CANCELLING: publish a refund request
  int max_attempts = 5;                                    // publications per waiting step before flagging
  int batch = 100;                                         // orders per kind per sweep
};

// What one sweep did (main logs it and counts it in metrics).
struct SweepReport {
  int expired = 0;
  int republished = 0;
  int refund_retriggered = 0;
  int flagged = 0;
  int errors = 0;
  std::vector<OrderId> flagged_ids;
};

// The order use cases over the ports. Blocking (call from worker threads); thread-safe when the
// ports are. Owns nothing; ports must outlive it.
class OrderService {
 public:
  struct Ports {
    OrderRepository& orders;
    ProductCatalog& catalog;
    std::function<std::string()> random_bytes;  // >= 15 random bytes per call
    std::function<TimePoint()> clock;
    AddressBook* addresses = nullptr;  // null: saved addresses are not offered (address_id refused)
  };
  explicit OrderService(Ports ports) : ports_(std::move(ports)) {}

  // Prices the order from the catalog (never from the client) and stores it CREATED. With address_id
  // the address is the caller's saved one, read from the address book when the order is created (a
  // later change of the saved address does not move the order).
  Result<Order, OrderError> Create(const Caller& caller, const CreateOrderInput& input) const;

  // finish-order / success page. `caller` empty: the success page (see README: ownership is proven by
  // the unguessable order id + the server-side amount + Toss binding the payment key to both).
  // Returns the order after the finish (the same order for a duplicate finish). `trace`: the
  // request's traceparent, carried by the order's events from here on.
  Result<Order, OrderError> Finish(const std::optional<Caller>& caller, const OrderId& order_id,
                                   const PaymentKey& payment_key, std::int64_t amount,
                                   const std::string& trace = {}) const;

  // The buyer's (or an admin's) cancel: RequestCancel on the locked order (see order_saga.hpp for
  // what each state answers). Returns the order after the request. kOrderNotFound, kForbidden as Get.
  Result<Order, OrderError> Cancel(const Caller& caller, const OrderId& order_id, const std::string& trace = {}) const;

  // Owner or admin. kOrderNotFound for unknown ids; kForbidden for someone else's order.
  Result<OrderView, OrderError> Get(const Caller& caller, const OrderId& order_id) const;
  // Owner (member_id == caller) or admin. page >= 0, size 1..100.
  Result<std::vector<Order>, OrderError> List(const Caller& caller, MemberId member_id, int page, int size) const;

  // The orders for a seller's products: the seller (member_id == caller) or an admin. page >= 0,
  // size 1..100. Callers show them without the buyer's address and payment key (api/ SellerOrderJson).
  Result<std::vector<Order>, OrderError> ListForSeller(const Caller& caller, MemberId seller_id, int page,
                                                       int size) const;

  // The checkout page of an existing order (no owner check: the unguessable order id is the
  // capability, and the page only shows what the payment window shows). kNotPayable unless CREATED.
  Result<Order, OrderError> ForCheckout(const OrderId& order_id) const;

  // One sweeper pass (see SweepSettings).
  SweepReport Sweep(const SweepSettings& settings) const;

 private:
  Ports ports_;
};

}  // namespace eda::order
