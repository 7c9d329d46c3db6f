#include "order/domain/order_service.hpp"

#include "eda/core/text.hpp"
#include "order/domain/order_rules.hpp"

namespace eda::order {
namespace {

bool ValidCompany(const std::string& c) {
  if (c.empty() || c.size() > 32) return false;
  for (char ch : c) {
    if (!((ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_')) return false;
  }
  return true;
}

}  // namespace

Result<Order, OrderError> OrderService::Create(const Caller& caller, const CreateOrderInput& input) const {
  if (input.product_id.value() <= 0) return OrderError{OrderErrc::kInvalidRequest, "productId must be a positive integer", {}};
  if (input.product_count < 1 || input.product_count > kMaxProductCount) {
    return OrderError{OrderErrc::kInvalidRequest, "productCount must be between 1 and 1000", {}};
  }
  if (!ValidCompany(input.delivery_company)) {
    return OrderError{OrderErrc::kInvalidRequest, "deliveryCompany must be a carrier code such as LOTTE or HANJIN", {}};
  }
  std::string address = input.address;
  if (input.address_id) {
    if (!address.empty()) return OrderError{OrderErrc::kInvalidRequest, "send address or addressId, not both", {}};
    if (*input.address_id < 1) return OrderError{OrderErrc::kInvalidRequest, "addressId must be a positive integer", {}};
    if (ports_.addresses == nullptr) {
      return OrderError{OrderErrc::kInvalidRequest, "saved addresses are not available: send the address itself", {}};
    }
    auto saved = ports_.addresses->AddressOf(*input.address_id, caller.credentials);
    if (!saved) return std::move(saved).error();
    address = std::move(*saved);
  }
  if (address.empty() || address.size() > 500) {
    return OrderError{OrderErrc::kInvalidRequest, "address must be 1..500 bytes", {}};
  }
  // The seed's checkout page takes the address from its query string, where the JSON body's check
  // (libs/http) does not apply; it reaches the carrier, the shipment and the payment window.
  if (HasControlCharacter(address)) {
    return OrderError{OrderErrc::kInvalidRequest, "address must not contain control characters (such as NUL, CR or LF)",
                      {}};
  }
  auto product = ports_.catalog.Find(input.product_id);
  if (!product) return std::move(product).error();
  auto amount = ComputeAmount(product->price, input.product_count);
  if (!amount) return std::move(amount).error();
  const TimePoint now = ports_.clock();
  Order o;
  o.id = OrderId(FormatOrderId(ports_.random_bytes()));
  o.member_id = caller.member_id;
  o.product_id = input.product_id;
  o.product_count = input.product_count;
  o.amount = *amount;
  o.order_name = MakeOrderName(product->name, input.product_count);
  o.delivery_company = input.delivery_company;
  o.address = std::move(address);
  o.status = OrderStatus::kCreated;
  o.created_at = now;
  o.updated_at = now;
  auto inserted = ports_.orders.Insert(o, HistoryEntry{OrderStatus::kCreated, OrderStatus::kCreated,
                                                       "created: price " + std::to_string(product->price) +
                                                           " x " + std::to_string(input.product_count),
                                                       now});
  if (!inserted) return std::move(inserted).error();
  return o;
}

Result<Order, OrderError> OrderService::Finish(const std::optional<Caller>& caller, const OrderId& order_id,
                                               const PaymentKey& payment_key, std::int64_t amount,
                                               const std::string& trace) const {
  if (!IsValidOrderId(order_id.value())) return OrderError{OrderErrc::kOrderNotFound, "no such order", {}};
  if (payment_key.value().empty() || payment_key.value().size() > 200) {
    return OrderError{OrderErrc::kInvalidRequest, "paymentKey must be 1..200 characters", {}};
  }
  if (caller) {
    // Owner check before any write (an attempt by someone else must not even leave a history entry).
    auto existing = ports_.orders.Find(order_id);
    if (!existing) return std::move(existing).error();
    if (!*existing) return OrderError{OrderErrc::kOrderNotFound, "no such order", {}};
    if ((*existing)->member_id != caller->member_id && !caller->admin) {
      return OrderError{OrderErrc::kForbidden, "not your order", {}};
    }
  }
  const TimePoint now = ports_.clock();
  auto outcome =
      ports_.orders.Update(order_id, [&](const Order& o) { return order::Finish(o, payment_key, amount, now); }, trace);
  if (!outcome) return std::move(outcome).error();
  if (!*outcome) return OrderError{OrderErrc::kOrderNotFound, "no such order", {}};
  if ((*outcome)->refusal) return *(*outcome)->refusal;
  return (*outcome)->order;
}

Result<Order, OrderError> OrderService::Cancel(const Caller& caller, const OrderId& order_id,
                                               const std::string& trace) const {
  if (!IsValidOrderId(order_id.value())) return OrderError{OrderErrc::kOrderNotFound, "no such order", {}};
  auto existing = ports_.orders.Find(order_id);
  if (!existing) return std::move(existing).error();
  if (!*existing) return OrderError{OrderErrc::kOrderNotFound, "no such order", {}};
  if ((*existing)->member_id != caller.member_id && !caller.admin) return OrderError{OrderErrc::kForbidden, "not your order", {}};
  const TimePoint now = ports_.clock();
  auto outcome = ports_.orders.Update(order_id, [&](const Order& o) { return RequestCancel(o, now); }, trace);
  if (!outcome) return std::move(outcome).error();
  if (!*outcome) return OrderError{OrderErrc::kOrderNotFound, "no such order", {}};
  if ((*outcome)->refusal) return *(*outcome)->refusal;
  return (*outcome)->order;
}

Result<OrderView, OrderError> OrderService::Get(const Caller& caller, const OrderId& order_id) const {
  if (!IsValidOrderId(order_id.value())) return OrderError{OrderErrc::kOrderNotFound, "no such order", {}};
  auto found = ports_.orders.Find(order_id);
  if (!found) return std::move(found).error();
  if (!*found) return OrderError{OrderErrc::kOrderNotFound, "no such order", {}};
  if ((*found)->member_id != caller.member_id && !caller.admin) return OrderError{OrderErrc::kForbidden, "not your order", {}};
  auto history = ports_.orders.History(order_id);
  if (!history) return std::move(history).error();
  return OrderView{std::move(**found), std::move(*history)};
}

Result<std::vector<Order>, OrderError> OrderService::List(const Caller& caller, MemberId member_id, int page,
                                                          int size) const {
  if (member_id != caller.member_id && !caller.admin) return OrderError{OrderErrc::kForbidden, "not your orders", {}};
  if (page < 0 || page > 100000 || size < 1 || size > 100) {
    return OrderError{OrderErrc::kInvalidRequest, "page must be >= 0 and size 1..100", {}};
  }
  return ports_.orders.ListByMember(member_id, page * size, size);
}

Result<std::vector<Order>, OrderError> OrderService::ListForSeller(const Caller& caller, MemberId seller_id, int page,
                                                                   int size) const {
  if (seller_id != caller.member_id && !caller.admin) return OrderError{OrderErrc::kForbidden, "not your products' orders", {}};
  if (page < 0 || page > 100000 || size < 1 || size > 100) {
    return OrderError{OrderErrc::kInvalidRequest, "page must be >= 0 and size 1..100", {}};
  }
  return ports_.orders.ListBySeller(seller_id, page * size, size);
}

Result<Order, OrderError> OrderService::ForCheckout(const OrderId& order_id) const {
  if (!IsValidOrderId(order_id.value())) return OrderError{OrderErrc::kOrderNotFound, "no such order", {}};
  auto found = ports_.orders.Find(order_id);
  if (!found) return std::move(found).error();
  if (!*found) return OrderError{OrderErrc::kOrderNotFound, "no such order", {}};
  if ((*found)->status != OrderStatus::kCreated) return OrderError{OrderErrc::kNotPayable, "the order is not awaiting payment", {}};
  return std::move(**found);
}

SweepReport OrderService::Sweep(const SweepSettings& s) const {
  SweepReport report;
  const TimePoint now = ports_.clock();
  const auto run = [&](OrderStatus status, std::chrono::seconds deadline, const Decider& decide) {
    auto due = ports_.orders.FindDue(status, now - deadline, s.batch);
    if (!due) {
      ++report.errors;
      return;
    }
    for (const auto& id : *due) {
      auto outcome = ports_.orders.Update(id, decide, {});
      if (!outcome) {
        ++report.errors;
        continue;
      }
      if (!*outcome || !(*outcome)->history) continue;
      const Outcome& o = **outcome;
      if (o.order.status == OrderStatus::kExpired) ++report.expired;
      if (o.order.flagged) {
        ++report.flagged;
        report.flagged_ids.push_back(id);
      }
      for (Emit e : o.emits) {
        if (e == Emit::kPaymentConfirmRequest || e == Emit::kStockRequest) ++report.republished;
        if (e == Emit::kOrderCancelled) ++report.refund_retriggered;
      }
    }
  };
  run(OrderStatus::kCreated, s.created_deadline, [&](const Order& o) {
    SagaInput in;
    in.event = SagaEvent::kDeadlinePassed;
    return Advance(o, in, now);
  });
  run(OrderStatus::kPaymentRequested, s.payment_requested_deadline,
      [&](const Order& o) { return SweepPaymentRequested(o, s.max_attempts, now); });
  run(OrderStatus::kPaid, s.paid_deadline, [&](const Order& o) { return SweepPaid(o, s.max_attempts, now); });
  run(OrderStatus::kCancelling, s.cancelling_deadline,
      [&](const Order& o) { return SweepCancelling(o, s.max_attempts, now); });
  return report;
}

}  // namespace eda::order
