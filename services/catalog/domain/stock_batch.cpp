#include "catalog/domain/stock_batch.hpp"

#include <algorithm>
#include <utility>

#include "catalog/domain/catalog_service.hpp"

namespace eda::catalog {
namespace {

CatalogError NotReady(ProductId id) {
  return CatalogError::Of(CatalogErrc::kUnavailable, "stock of product " + std::to_string(id.value()) +
                                                         " is not in the ledger yet; retry");
}

}  // namespace

StockBatch::StockBatch(StockUnitOfWork& uow, std::function<std::int64_t()> now_us)
    : uow_(uow), now_us_(std::move(now_us)) {}

Result<void, CatalogError> StockBatch::LockForTakes(const std::vector<StockRequest>& requests) {
  std::vector<ProductId> ids;
  std::vector<std::string> orders;
  for (const auto& r : requests) {
    ids.push_back(r.product_id);
    if (!r.order_id.empty()) orders.push_back(r.order_id);
  }
  // Products first, then reservations: every stock transaction locks in that order.
  auto locked = uow_.LockProducts(ids);
  if (!locked) return FromInfra(locked.error());
  for (auto& row : *locked) rows_.emplace(row.id, std::move(row));
  for (ProductId id : ids)
    if (rows_.count(id) == 0) absent_.insert(id);
  return LockReservations(orders);
}

Result<void, CatalogError> StockBatch::LockForReleases(const std::vector<std::string>& order_ids,
                                                       std::vector<ProductId> hints) {
  auto found = uow_.FindReservations(order_ids);
  if (!found) return FromInfra(found.error());
  for (const auto& r : *found) hints.push_back(r.product_id);
  std::vector<StockRequest> products;
  for (ProductId id : hints)
    if (id.value() > 0) products.push_back(StockRequest{{}, id, 0});
  if (auto locked = LockForTakes(products); !locked) return locked;
  return LockReservations(order_ids);
}

Result<void, CatalogError> StockBatch::LockReservations(const std::vector<std::string>& order_ids) {
  std::vector<std::string> missing;
  for (const auto& o : order_ids)
    if (reservations_.count(o) == 0) missing.push_back(o);
  if (missing.empty()) return {};
  auto locked = uow_.LockReservations(missing);
  if (!locked) return FromInfra(locked.error());
  for (const auto& o : missing) reservations_[o];
  for (auto& r : *locked) reservations_[r.order_id].stored = std::move(r);
  return {};
}

Result<StockRow*, CatalogError> StockBatch::Row(ProductId id) {
  if (auto it = rows_.find(id); it != rows_.end()) return &it->second;
  if (absent_.count(id) != 0) return static_cast<StockRow*>(nullptr);
  // Not announced by Lock* (a reservation that appeared meanwhile): lock it now.
  auto locked = uow_.LockProducts({id});
  if (!locked) return FromInfra(locked.error());
  if (locked->empty()) {
    absent_.insert(id);
    return static_cast<StockRow*>(nullptr);
  }
  return &rows_.emplace(id, std::move(locked->front())).first->second;
}

Result<std::optional<Reservation>, CatalogError> StockBatch::ReservationOf(const std::string& order_id) {
  if (auto locked = LockReservations({order_id}); !locked) return std::move(locked).error();
  const Known& k = reservations_.at(order_id);
  return k.staged ? k.staged : k.stored;
}

void StockBatch::Change(StockRow& row, std::int64_t new_stock) {
  Journal j;
  j.product = row.id;
  j.stock = *row.stock;
  j.was_changed = changed_.count(row.id) != 0;
  journal_.push_back(std::move(j));
  row.stock = new_stock;
  changed_.insert(row.id);
}

void StockBatch::Stage(Reservation reservation) {
  Known& k = reservations_[reservation.order_id];
  Journal j;
  j.order = reservation.order_id;
  j.staged_before = k.staged;
  journal_.push_back(std::move(j));
  k.staged = std::move(reservation);
}

void StockBatch::Mark() { journal_.clear(); }

void StockBatch::Undo() {
  for (auto it = journal_.rbegin(); it != journal_.rend(); ++it) {
    if (it->product) {
      rows_.at(*it->product).stock = it->stock;
      if (!it->was_changed) changed_.erase(*it->product);
    }
    if (it->order) reservations_.at(*it->order).staged = it->staged_before;
  }
  journal_.clear();
}

Result<TakeOutcome, CatalogError> StockBatch::Take(const StockRequest& request) {
  if (request.order_id.empty() || request.quantity <= 0)
    return CatalogError::Of(CatalogErrc::kInvalidRequest, "a stock request needs an order id and a positive count");
  auto row = Row(request.product_id);
  if (!row) return std::move(row).error();
  auto existing = ReservationOf(request.order_id);
  if (!existing) return std::move(existing).error();
  std::optional<StockRow> seen;
  if (*row != nullptr) seen = **row;
  const TakeDecision d = DecideTake(request, *existing, seen);
  TakeOutcome out;
  switch (d.kind) {
    case TakeDecision::kTake:
      Stage(Reservation{request.order_id, request.product_id, request.quantity, ReservationState::kReserved, {}});
      Change(**row, *(*row)->stock - request.quantity);
      [[fallthrough]];
    case TakeDecision::kRepeatReserved:
      out.kind = TakeOutcome::kReserved;
      return out;
    case TakeDecision::kReject:
      Stage(Reservation{request.order_id, request.product_id, request.quantity, ReservationState::kRejected, d.reason});
      [[fallthrough]];
    case TakeDecision::kRepeatRejected:
      out.kind = TakeOutcome::kRejected;
      out.reason = d.reason;
      out.available = d.available;
      return out;
    case TakeDecision::kCancelled:
      out.kind = TakeOutcome::kCancelled;
      return out;
    case TakeDecision::kMismatch:
      return CatalogError::Of(CatalogErrc::kInvalidRequest,
                              "order " + request.order_id + " was already requested with another product or count");
    case TakeDecision::kNotReady:
      return NotReady(request.product_id);
  }
  return CatalogError::Of(CatalogErrc::kInternal, "unreachable take decision");
}

Result<ReleaseOutcome, CatalogError> StockBatch::Release(const std::string& order_id, ProductId product_hint) {
  auto existing = ReservationOf(order_id);
  if (!existing) return std::move(existing).error();
  switch (DecideRelease(*existing).kind) {
    case ReleaseDecision::kNothing:
      return ReleaseOutcome{};
    case ReleaseDecision::kRecordCancelled:
      // Without a product (the seed's delivery request names none) there is no request to cancel
      // either: delivery only hears of an order after its stock was taken.
      if (product_hint.value() > 0)
        Stage(Reservation{order_id, product_hint, 0, ReservationState::kReleased, "released_before_request"});
      return ReleaseOutcome{};
    case ReleaseDecision::kRestock: break;
  }
  Reservation r = **existing;
  auto row = Row(r.product_id);
  if (!row) return std::move(row).error();
  ReleaseOutcome out;
  if (*row != nullptr) {
    if (!(*row)->stock) return NotReady(r.product_id);
    Change(**row, *(*row)->stock + r.quantity);
    out.restocked = true;
  }
  r.state = ReservationState::kReleased;
  Stage(std::move(r));
  return out;
}

Result<StockRow, CatalogError> StockBatch::Adjust(ProductId id, std::int64_t delta) {
  auto row = Row(id);
  if (!row) return std::move(row).error();
  std::optional<StockRow> seen;
  if (*row != nullptr) seen = **row;
  const AdjustDecision d = DecideAdjust(seen, delta);
  switch (d.kind) {
    case AdjustDecision::kApply:
      Change(**row, d.new_stock);
      return **row;
    case AdjustDecision::kNotFound:
      return CatalogError::Of(CatalogErrc::kProductNotFound, "no product " + std::to_string(id.value()));
    case AdjustDecision::kInsufficient:
      return CatalogError::Of(CatalogErrc::kInsufficientStock, "stock is " + std::to_string(*seen->stock) +
                                                                   ", cannot remove " + std::to_string(-delta));
    case AdjustDecision::kOverflow: {
      CatalogError e = CatalogError::Of(CatalogErrc::kInvalidRequest, "the request is invalid");
      e.fields.push_back({"incrementStockCount", "stock would overflow"});
      return e;
    }
    case AdjustDecision::kNotReady:
      return NotReady(id);
  }
  return CatalogError::Of(CatalogErrc::kInternal, "unreachable adjust decision");
}

Result<std::vector<StockRow>, CatalogError> StockBatch::Finish() {
  journal_.clear();
  std::vector<Reservation> inserts, updates;
  for (auto& [order, k] : reservations_) {
    if (!k.staged) continue;
    (k.stored ? updates : inserts).push_back(*k.staged);
    k.stored = std::move(k.staged);
    k.staged.reset();
  }
  if (!inserts.empty() || !updates.empty())
    if (auto s = uow_.SaveReservations(inserts, updates); !s) return FromInfra(s.error());
  std::vector<StockRow> out;
  for (ProductId id : changed_) {
    StockRow& row = rows_.at(id);
    row.version = NextStockVersion(row.version, now_us_());
    if (auto s = uow_.SaveStock(row); !s) return FromInfra(s.error());
    out.push_back(row);
  }
  changed_.clear();
  return out;
}

}  // namespace eda::catalog
