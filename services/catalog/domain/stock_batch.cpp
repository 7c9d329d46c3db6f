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
  for (const auto& r : requests) ids.push_back(r.product_id);
  auto locked = uow_.LockProducts(ids);
  if (!locked) return FromInfra(locked.error());
  for (auto& row : *locked) rows_.emplace(row.id, std::move(row));
  for (ProductId id : ids)
    if (rows_.count(id) == 0) absent_.insert(id);
  return {};
}

Result<void, CatalogError> StockBatch::LockForReleases(const std::vector<std::string>& order_ids,
                                                       std::vector<ProductId> hints) {
  auto found = uow_.FindReservations(order_ids);
  if (!found) return FromInfra(found.error());
  for (const auto& r : *found) hints.push_back(r.product_id);
  std::vector<StockRequest> as_requests;
  for (ProductId id : hints)
    if (id.value() > 0) as_requests.push_back(StockRequest{{}, id, 0});
  return LockForTakes(as_requests);
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

void StockBatch::Change(StockRow& row, std::int64_t new_stock) {
  journal_.push_back(Journal{row.id, *row.stock, changed_.count(row.id) != 0});
  row.stock = new_stock;
  changed_.insert(row.id);
}

void StockBatch::Mark() { journal_.clear(); }

void StockBatch::Undo() {
  for (auto it = journal_.rbegin(); it != journal_.rend(); ++it) {
    rows_.at(it->id).stock = it->stock;
    if (!it->was_changed) changed_.erase(it->id);
  }
  journal_.clear();
}

Result<TakeOutcome, CatalogError> StockBatch::Take(const StockRequest& request) {
  if (request.order_id.empty() || request.quantity <= 0)
    return CatalogError::Of(CatalogErrc::kInvalidRequest, "a stock request needs an order id and a positive count");
  auto existing = uow_.LockReservation(request.order_id);
  if (!existing) return FromInfra(existing.error());
  auto row = Row(request.product_id);
  if (!row) return std::move(row).error();
  std::optional<StockRow> seen;
  if (*row != nullptr) seen = **row;
  const TakeDecision d = DecideTake(request, *existing, seen);
  TakeOutcome out;
  switch (d.kind) {
    case TakeDecision::kTake: {
      Reservation r{request.order_id, request.product_id, request.quantity, ReservationState::kReserved, {}};
      if (auto s = uow_.SaveReservation(r, true); !s) return FromInfra(s.error());
      Change(**row, *(*row)->stock - request.quantity);
      out.kind = TakeOutcome::kReserved;
      return out;
    }
    case TakeDecision::kReject: {
      Reservation r{request.order_id, request.product_id, request.quantity, ReservationState::kRejected, d.reason};
      if (auto s = uow_.SaveReservation(r, true); !s) return FromInfra(s.error());
      out.kind = TakeOutcome::kRejected;
      out.reason = d.reason;
      out.available = d.available;
      return out;
    }
    case TakeDecision::kRepeatReserved:
      out.kind = TakeOutcome::kReserved;
      return out;
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
  auto existing = uow_.LockReservation(order_id);
  if (!existing) return FromInfra(existing.error());
  switch (DecideRelease(*existing).kind) {
    case ReleaseDecision::kNothing:
      return ReleaseOutcome{};
    case ReleaseDecision::kRecordCancelled: {
      // Without a product (the seed's delivery request names none) there is no request to cancel
      // either: delivery only hears of an order after its stock was taken.
      if (product_hint.value() <= 0) return ReleaseOutcome{};
      Reservation r{order_id, product_hint, 0, ReservationState::kReleased, "released_before_request"};
      if (auto s = uow_.SaveReservation(r, true); !s) return FromInfra(s.error());
      return ReleaseOutcome{};
    }
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
  if (auto s = uow_.SaveReservation(r, false); !s) {
    Undo();
    return FromInfra(s.error());
  }
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
