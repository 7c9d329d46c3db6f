#include "catalog/domain/catalog_service.hpp"

#include <algorithm>
#include <utility>

#include "catalog/domain/product_rules.hpp"
#include "catalog/domain/stock_batch.hpp"

namespace eda::catalog {
namespace {

std::string Trimmed(std::string s) {
  const auto not_space = [](unsigned char c) { return c != ' ' && c != '\t' && c != '\n' && c != '\r'; };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
  s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
  return s;
}

CatalogError Invalid(std::vector<FieldError> fields) {
  CatalogError e = CatalogError::Of(CatalogErrc::kInvalidRequest, "the request is invalid");
  e.fields = std::move(fields);
  return e;
}

CatalogError Forbidden() {
  return CatalogError::Of(CatalogErrc::kForbidden, "only the seller who owns the product (or an ADMIN) may do this");
}

CatalogError NotFound(ProductId id) {
  return CatalogError::Of(CatalogErrc::kProductNotFound, "no product " + std::to_string(id.value()));
}

std::string Millis(TimePoint t) {
  return std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count());
}

std::string Key(std::string_view topic, ProductId id, std::string_view cause) {
  return std::string(topic) + ":" + std::to_string(id.value()) + ":" + std::string(cause);
}

}  // namespace

CatalogError FromInfra(const Error& e) {
  return CatalogError::Of(e.retryable ? CatalogErrc::kUnavailable : CatalogErrc::kInternal,
                          e.retryable ? "a storage dependency is unavailable" : "internal error",
                          e.code + ": " + e.message);
}

CatalogService::CatalogService(Ports ports, Settings settings) : ports_(ports), settings_(std::move(settings)) {}

ProductEvent CatalogService::ChangedEvent(const Product& p, ProductEvent::Change change, const std::string& cause) {
  ProductEvent e;
  e.kind = ProductEvent::Kind::kChanged;
  e.change = change;
  e.product = p;
  e.event_id = Key("product-changed", p.id, cause);
  return e;
}

ProductEvent CatalogService::StockChangedEvent(const StockRow& row) {
  Product p;
  p.id = row.id;
  p.seller_id = row.seller_id;
  p.name = row.name;
  p.price = row.price;
  p.stock = row.stock.value_or(0);
  p.tags = row.tags;
  p.updated_at = TimePoint(std::chrono::duration_cast<TimePoint::duration>(std::chrono::microseconds(row.version)));
  ProductEvent e = ChangedEvent(p, ProductEvent::Change::kUpdated, "v" + std::to_string(row.version));
  e.stock_version = row.version;
  return e;
}

std::vector<ProductEvent> CatalogService::CreatedEvents(const Product& p) {
  std::vector<ProductEvent> out;
  if (!p.tags.empty()) {
    ProductEvent tags;
    tags.kind = ProductEvent::Kind::kTagsAdded;
    tags.product = p;
    tags.tags = p.tags;
    tags.event_id = Key("product_tags_added", p.id, "created");
    out.push_back(std::move(tags));
  }
  out.push_back(ChangedEvent(p, ProductEvent::Change::kCreated, "created"));
  return out;
}

std::vector<ProductEvent> CatalogService::UpdatedEvents(const Product& before, const Product& after) {
  std::vector<ProductEvent> out;
  const TagDiff diff = DiffTags(before.tags, after.tags);
  const std::string cause = Millis(after.updated_at);
  if (!diff.added.empty()) {
    ProductEvent e;
    e.kind = ProductEvent::Kind::kTagsAdded;
    e.product = after;
    e.tags = diff.added;
    e.event_id = Key("product_tags_added", after.id, cause);
    out.push_back(std::move(e));
  }
  if (!diff.removed.empty()) {
    ProductEvent e;
    e.kind = ProductEvent::Kind::kTagsRemoved;
    e.product = after;
    e.tags = diff.removed;
    e.event_id = Key("product_tags_removed", after.id, cause);
    out.push_back(std::move(e));
  }
  out.push_back(ChangedEvent(after, ProductEvent::Change::kUpdated, cause));
  return out;
}

std::vector<ProductEvent> CatalogService::DeletedEvents(const Product& p) {
  std::vector<ProductEvent> out;
  if (!p.tags.empty()) {
    ProductEvent tags;
    tags.kind = ProductEvent::Kind::kTagsRemoved;
    tags.product = p;
    tags.tags = p.tags;
    tags.event_id = Key("product_tags_removed", p.id, "deleted");
    out.push_back(std::move(tags));
  }
  out.push_back(ChangedEvent(p, ProductEvent::Change::kDeleted, "deleted"));
  return out;
}

CatalogResult<Product> CatalogService::Register(const Caller& caller, ProductDraft draft) const {
  if (!caller.authenticated) return CatalogError::Of(CatalogErrc::kUnauthenticated, "a bearer token is required");
  if (auto errors = ValidateDraft(draft); !errors.empty()) return Invalid(std::move(errors));
  if (!MayManage(caller, draft.seller_id)) return Forbidden();

  std::vector<FieldError> ignored;
  Product p;
  p.seller_id = draft.seller_id;
  p.name = Trimmed(std::move(draft.name));
  p.description = std::move(draft.description);
  p.price = draft.price;
  p.stock = draft.stock;
  p.tags = NormalizeTags(draft.tags, ignored);
  p.created_at = p.updated_at = settings_.clock();

  auto id = ports_.ledger.AllocateId(p);
  if (!id) return FromInfra(id.error());
  p.id = *id;
  if (auto s = ports_.store.Insert(p); !s) return FromInfra(s.error());
  if (auto r = ports_.ledger.Record(p.id, ProductLedger::Transition::kActivate, CreatedEvents(p)); !r) {
    return FromInfra(r.error());
  }
  return p;
}

CatalogResult<Product> CatalogService::FindLive(ProductId id) const {
  auto found = ports_.store.Find(id);
  if (!found) return FromInfra(found.error());
  if (!found->has_value() || (*found)->deleted()) return NotFound(id);
  return std::move(**found);
}

CatalogResult<Product> CatalogService::Get(ProductId id) const { return FindLive(id); }

CatalogResult<ProductPage> CatalogService::ListBySeller(SellerId seller, const std::string& cursor, int size) const {
  if (size <= 0) size = settings_.default_page_size;
  size = std::min(size, settings_.max_page_size);
  auto page = ports_.store.ListIdsBySeller(seller, cursor, size);
  if (!page) return FromInfra(page.error());
  ProductPage out;
  out.next_cursor = page->next_cursor;
  for (const ProductId id : page->ids) {
    auto found = ports_.store.Find(id);
    if (!found) return FromInfra(found.error());
    // A row missing or deleted behind the index (delete in progress) is skipped, not an error.
    if (found->has_value() && !(*found)->deleted()) out.items.push_back(std::move(**found));
  }
  return out;
}

CatalogResult<Product> CatalogService::Update(const Caller& caller, ProductId id, const ProductPatch& patch) const {
  if (!caller.authenticated) return CatalogError::Of(CatalogErrc::kUnauthenticated, "a bearer token is required");
  if (auto errors = ValidatePatch(patch); !errors.empty()) return Invalid(std::move(errors));
  auto before = FindLive(id);
  if (!before) return before;
  if (!MayManage(caller, before->seller_id)) return Forbidden();

  Product after = *before;
  std::vector<FieldError> ignored;
  if (patch.name) after.name = Trimmed(*patch.name);
  if (patch.description) after.description = *patch.description;
  if (patch.price) after.price = *patch.price;
  if (patch.tags) after.tags = NormalizeTags(*patch.tags, ignored);
  after.updated_at = std::max(settings_.clock(), before->updated_at + std::chrono::milliseconds(1));

  if (auto s = ports_.store.UpdateDetails(after); !s) return FromInfra(s.error());
  if (auto r = ports_.ledger.Record(id, ProductLedger::Transition::kTouch, UpdatedEvents(*before, after)); !r) {
    return FromInfra(r.error());
  }
  return after;
}

CatalogResult<bool> CatalogService::Delete(const Caller& caller, ProductId id) const {
  if (!caller.authenticated) return CatalogError::Of(CatalogErrc::kUnauthenticated, "a bearer token is required");
  auto found = ports_.store.Find(id);
  if (!found) return FromInfra(found.error());
  if (!found->has_value()) return NotFound(id);
  Product p = std::move(**found);
  if (!MayManage(caller, p.seller_id)) return Forbidden();
  if (!p.deleted()) {
    const TimePoint at = settings_.clock();
    if (auto s = ports_.store.MarkDeleted(p, at); !s) return FromInfra(s.error());
    p.deleted_at = at;
  }
  // kDelete moves the ledger row only once, so a retried delete emits nothing twice.
  if (auto r = ports_.ledger.Record(id, ProductLedger::Transition::kDelete, DeletedEvents(p)); !r) {
    return FromInfra(r.error());
  }
  return true;
}

CatalogResult<Product> CatalogService::AdjustStock(const Caller& caller, ProductId id, std::int64_t delta) const {
  if (!caller.authenticated) return CatalogError::Of(CatalogErrc::kUnauthenticated, "a bearer token is required");
  auto product = FindLive(id);
  if (!product) return product;
  if (!MayManage(caller, product->seller_id)) return Forbidden();

  std::optional<CatalogError> refused;
  std::optional<StockRow> after;
  const auto now_us = [this] {
    return std::chrono::duration_cast<std::chrono::microseconds>(settings_.clock().time_since_epoch()).count();
  };
  const Status run = ports_.stock.Run([&](StockUnitOfWork& uow) -> Status {
    refused.reset();
    StockBatch batch(uow, now_us);
    auto step = [&]() -> Result<StockRow, CatalogError> {
      if (auto locked = batch.LockForTakes({StockRequest{{}, id, 0}}); !locked) return std::move(locked).error();
      if (auto adjusted = batch.Adjust(id, delta); !adjusted) return std::move(adjusted).error();
      auto written = batch.Finish();
      if (!written) return std::move(written).error();
      return written->front();
    }();
    if (!step) {
      refused = std::move(step).error();
      return Error::Permanent("catalog.stock_refused", refused->detail);  // rolls back
    }
    after = std::move(*step);
    return {};
  });
  if (refused) return *refused;
  if (!run) return FromInfra(run.error());
  product->stock = *after->stock;
  return std::move(*product);
}

CatalogResult<int> CatalogService::RepairPending(std::chrono::seconds age) const {
  auto pending = ports_.ledger.ListPending(settings_.clock() - age, 100);
  if (!pending) return FromInfra(pending.error());
  int settled = 0;
  for (const ProductId id : *pending) {
    auto found = ports_.store.Find(id);
    if (!found) return FromInfra(found.error());
    Result<bool> r = found->has_value()
                         ? ports_.ledger.Record(id, ProductLedger::Transition::kActivate, CreatedEvents(**found))
                         : ports_.ledger.Record(id, ProductLedger::Transition::kAbandon, {});
    if (!r) return FromInfra(r.error());
    if (*r) ++settled;
  }
  return settled;
}

CatalogResult<int> CatalogService::CopyLegacyStock() const {
  int copied = 0;
  for (;;) {
    auto ids = ports_.ledger.ListWithoutStock(100);
    if (!ids) return FromInfra(ids.error());
    int round = 0;
    for (const ProductId id : *ids) {
      auto found = ports_.store.Find(id);
      if (!found) return FromInfra(found.error());
      if (!found->has_value()) continue;  // never written: the repairer abandons it
      if (auto s = ports_.ledger.AdoptStock(**found); !s) return FromInfra(s.error());
      ++round;
    }
    copied += round;
    if (round == 0 || ids->size() < 100) return copied;
  }
}

}  // namespace eda::catalog
