#include "saga_audit.hpp"

#include <set>
#include <sstream>

namespace eda::fault_test {

namespace {

bool Charged(const SandboxPayment& p) {
  return p.status == "DONE" || p.status == "PARTIAL_CANCELED" || p.status == "CANCELED";
}

}  // namespace

bool IsShipped(const std::string& status) {
  return status == "DELIVERY_REQUESTED" || status == "IN_DELIVERY" || status == "DELIVERED";
}

bool IsSettled(const std::string& status, bool require_delivered) {
  if (status == "DELIVERED" || status == "CANCELLED" || status == "PAYMENT_FAILED" || status == "EXPIRED") return true;
  return !require_delivered && IsShipped(status);
}

AuditReport Audit(const AuditInput& in) {
  AuditReport rep;
  auto violation = [&rep](const std::string& s) { rep.violations.push_back(s); };

  std::map<std::int64_t, const ProductSpec*> products;
  for (const ProductSpec& p : in.products) products[p.id] = &p;
  std::map<std::int64_t, std::int64_t> shipped_units, refused_units;

  std::map<std::string, std::vector<const DeliveryRow*>> deliveries;
  for (const DeliveryRow& d : in.deliveries) {
    deliveries[d.order_id].push_back(&d);
    ++rep.deliveries_by_status[d.status];
  }

  std::set<std::string> order_ids;
  for (const OrderRow& o : in.orders) {
    order_ids.insert(o.id);
    ++rep.orders;
    ++rep.orders_by_status[o.status];
    if (o.flagged) ++rep.flagged;
    const std::string tag = "order " + o.id + " (" + o.status + ")";

    auto prod = products.find(o.product_id);
    if (prod == products.end()) {
      violation(tag + ": unknown product " + std::to_string(o.product_id));
    } else if (o.amount != prod->second->price * o.count) {
      violation(tag + ": amount " + std::to_string(o.amount) + " != price x count " +
                std::to_string(prod->second->price * o.count));
    }

    // Payments: the sandbox is the ledger.
    const auto pit = in.payments.find(o.id);
    const std::vector<SandboxPayment> none;
    const std::vector<SandboxPayment>& pays = pit == in.payments.end() ? none : pit->second;
    std::vector<const SandboxPayment*> charged;
    for (const SandboxPayment& p : pays) {
      ++rep.payments_by_status[p.status];
      if (Charged(p)) {  // an ABORTED or EXPIRED payment reports a balance but never took money
        charged.push_back(&p);
        rep.sandbox_balance += p.balance_amount;
        rep.charged += p.total_amount;
        for (std::int64_t c : p.cancel_amounts) {
          rep.refunded += c;
          ++rep.refunds;
        }
      }
    }
    const auto& dels = deliveries[o.id];
    int live_deliveries = 0;
    for (const DeliveryRow* d : dels) {
      if (d->status != "FAILED") ++live_deliveries;
    }
    if (dels.size() > 1) violation(tag + ": " + std::to_string(dels.size()) + " shipments");
    for (const DeliveryRow* d : dels) {
      if (d->status == "FAILED") refused_units[o.product_id] += o.count;
    }

    if (!IsSettled(o.status, in.require_delivered)) {
      ++rep.not_settled;
      if (!IsShipped(o.status)) {
        for (const SandboxPayment* p : charged) rep.unsettled_balance += p->balance_amount;
      }
      violation(tag + ": not settled" + std::string(o.flagged ? " (flagged by the sweeper)" : "") + ", " +
                std::to_string(charged.size()) + " charged payment(s), " + std::to_string(dels.size()) + " shipment(s)");
      // A shipped order still on its way is checked as shipped (money, shipment, stock) all the same.
      if (!IsShipped(o.status)) continue;
    }
    if (IsShipped(o.status)) {
      ++rep.shipped;
      rep.shipped_value += o.amount;
      shipped_units[o.product_id] += o.count;
      if (charged.size() != 1) {
        violation(tag + ": shipped with " + std::to_string(charged.size()) + " charged payments (want 1)");
      } else {
        const SandboxPayment& p = *charged.front();
        if (p.status != "DONE" || p.balance_amount != o.amount || p.total_amount != o.amount)
          violation(tag + ": shipped but payment " + p.payment_key + " is " + p.status + " total " +
                    std::to_string(p.total_amount) + " balance " + std::to_string(p.balance_amount) + " (want DONE " +
                    std::to_string(o.amount) + ")");
        if (p.payment_key != o.payment_key)
          violation(tag + ": names payment '" + o.payment_key + "' but the charged one is " + p.payment_key);
      }
      if (live_deliveries != 1)
        violation(tag + ": shipped with " + std::to_string(live_deliveries) + " live shipments (want 1)");
      for (const DeliveryRow* d : dels) {
        if (d->status != "FAILED" && (d->amount != o.amount || d->count != o.count))
          violation(tag + ": shipment amount/count " + std::to_string(d->amount) + "/" + std::to_string(d->count) +
                    " != order " + std::to_string(o.amount) + "/" + std::to_string(o.count));
      }
    } else if (o.status == "CANCELLED") {
      if (charged.size() != 1) {
        violation(tag + ": cancelled with " + std::to_string(charged.size()) + " charged payments (want 1, refunded)");
      } else {
        const SandboxPayment& p = *charged.front();
        if (p.status != "CANCELED" || p.balance_amount != 0)
          violation(tag + ": cancelled but payment " + p.payment_key + " is " + p.status + " with balance " +
                    std::to_string(p.balance_amount));
        if (p.cancel_amounts.size() != 1 || p.cancel_amounts.front() != o.amount)
          violation(tag + ": " + std::to_string(p.cancel_amounts.size()) + " refunds on payment " + p.payment_key +
                    " (want one of " + std::to_string(o.amount) + ")");
      }
      if (live_deliveries != 0) violation(tag + ": cancelled but has a live shipment");
    } else {  // PAYMENT_FAILED, EXPIRED: nothing may have been taken
      if (!charged.empty())
        violation(tag + ": " + std::to_string(charged.size()) + " charged payment(s), want none");
      if (!dels.empty()) violation(tag + ": has a shipment");
    }
  }

  for (const DeliveryRow& d : in.deliveries) {
    if (!order_ids.count(d.order_id)) violation("shipment for unknown order " + d.order_id);
  }

  // The driver's view: every order it was given exists and ended as the buyer's choices imply.
  std::map<std::string, const OrderRow*> by_id;
  for (const OrderRow& o : in.orders) by_id[o.id] = &o;
  std::set<std::string> recorded;
  for (const PurchaseRecord& r : in.records) {
    ++rep.records;
    if (r.order_id.empty()) {
      ++rep.records_without_order;
      continue;
    }
    recorded.insert(r.order_id);
    auto it = by_id.find(r.order_id);
    if (it == by_id.end()) {
      violation("order " + r.order_id + " answered 201 but is not in the orders table");
      continue;
    }
    const OrderRow& o = *it->second;
    if (o.amount != r.amount || o.count != r.count || o.product_id != r.product_id)
      violation("order " + o.id + ": stored product/count/amount differ from what POST /orders answered");
    if (!r.finished || !IsSettled(o.status, in.require_delivered)) continue;
    if (r.decline && o.status != "PAYMENT_FAILED")
      violation("order " + o.id + ": declined card but ended " + o.status + " (want PAYMENT_FAILED)");
    if (!r.decline && r.undeliverable && o.status != "CANCELLED")
      violation("order " + o.id + ": carrier refuses the address but ended " + o.status + " (want CANCELLED)");
    if (!r.decline && !r.undeliverable && !IsShipped(o.status) && o.status != "CANCELLED")
      violation("order " + o.id + ": approved payment but ended " + o.status + " (want shipped or CANCELLED)");
  }
  for (const OrderRow& o : in.orders) {
    if (!recorded.count(o.id)) ++rep.orphans;
  }

  // Money: what the sandbox keeps is exactly the value of what shipped.
  const std::string held = rep.unsettled_balance == 0 ? std::string()
                           : " (" + std::to_string(rep.unsettled_balance) + " of it held for unsettled orders)";
  if (rep.sandbox_balance != rep.shipped_value)
    violation("sandbox balance of these orders " + std::to_string(rep.sandbox_balance) + " != shipped value " +
              std::to_string(rep.shipped_value) + held);
  if (rep.charged - rep.refunded != rep.shipped_value)
    violation("charged " + std::to_string(rep.charged) + " - refunded " + std::to_string(rep.refunded) +
              " != shipped value " + std::to_string(rep.shipped_value) + held);
  if (in.summary_before && in.summary_after) {
    rep.summary_net_delta = (in.summary_after->charged - in.summary_after->refunded) -
                            (in.summary_before->charged - in.summary_before->refunded);
    if (*rep.summary_net_delta != rep.shipped_value)
      violation("sandbox summary: (charged - refunded) grew by " + std::to_string(*rep.summary_net_delta) +
                " during the run, shipped value " + std::to_string(rep.shipped_value));
  }

  // Stock: never negative, and what is left is what did not ship.
  for (const ProductSpec& p : in.products) {
    ProductTally t;
    t.id = p.id;
    t.initial = p.initial_stock;
    t.shipped_units = shipped_units[p.id];
    t.refused_units = refused_units[p.id];
    auto fs = in.final_stock.find(p.id);
    auto ms = in.min_stock_seen.find(p.id);
    t.min_seen = ms == in.min_stock_seen.end() ? p.initial_stock : ms->second;
    const std::string tag = "product " + std::to_string(p.id);
    if (fs == in.final_stock.end()) {
      violation(tag + ": final stock could not be read");
    } else {
      t.final_stock = fs->second;
      if (t.final_stock < 0) violation(tag + ": negative stock " + std::to_string(t.final_stock));
      if (t.final_stock != t.initial - t.shipped_units)
        violation(tag + ": stock " + std::to_string(t.final_stock) + " != initial " + std::to_string(t.initial) +
                  " - shipped " + std::to_string(t.shipped_units) + " (off by " +
                  std::to_string(t.initial - t.shipped_units - t.final_stock) + "; units of refused shipments: " +
                  std::to_string(t.refused_units) + ")");
    }
    if (t.min_seen < 0) violation(tag + ": stock seen negative during the run (" + std::to_string(t.min_seen) + ")");
    rep.products.push_back(t);
  }
  return rep;
}

std::string AuditReport::Print() const {
  std::ostringstream os;
  auto map_line = [&os](const char* name, const std::map<std::string, int>& m) {
    os << "  " << name << ":";
    for (const auto& [k, v] : m) os << ' ' << k << '=' << v;
    os << '\n';
  };
  os << "fault suite audit\n";
  os << "  orders in the database: " << orders << " (driver records " << records << ", purchases without an order "
     << records_without_order << ", orders the driver never saw answered " << orphans << ")\n";
  map_line("orders by status", orders_by_status);
  os << "  settled " << (orders - not_settled) << "/" << orders << ", shipped " << shipped << ", flagged " << flagged
     << '\n';
  map_line("sandbox payments by status", payments_by_status);
  map_line("shipments by status", deliveries_by_status);
  os << "  money: charged " << charged << ", refunded " << refunded << " in " << refunds
     << " refunds, sandbox balance " << sandbox_balance << ", shipped value " << shipped_value;
  if (summary_net_delta) os << ", sandbox summary net change " << *summary_net_delta;
  if (unsettled_balance != 0) os << ", held for unsettled orders " << unsettled_balance;
  os << '\n';
  for (const ProductTally& t : products) {
    os << "  product " << t.id << ": initial " << t.initial << ", shipped " << t.shipped_units << ", final "
       << t.final_stock << ", lowest seen " << t.min_seen << ", in refused shipments " << t.refused_units << '\n';
  }
  os << "  violations: " << violations.size() << '\n';
  for (std::size_t i = 0; i < violations.size() && i < 60; ++i) os << "    - " << violations[i] << '\n';
  if (violations.size() > 60) os << "    ... " << violations.size() - 60 << " more\n";
  return os.str();
}

}  // namespace eda::fault_test
