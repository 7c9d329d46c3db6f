#include "catalog/store/cql_product_store.hpp"

#include <utility>

namespace eda::catalog {
namespace {

using boost::asio::awaitable;
using cql::Value;
using cql::Values;

Error Infra(const cql::CqlError& e) { return e.ToError(); }

std::string Hex(const std::string& bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (const unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4U]);
    out.push_back(kDigits[c & 0xFU]);
  }
  return out;
}

std::optional<std::string> Unhex(const std::string& hex) {
  if (hex.size() % 2 != 0) return std::nullopt;
  const auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  std::string out;
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    const int hi = nibble(hex[i]);
    const int lo = nibble(hex[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out.push_back(static_cast<char>(hi * 16 + lo));
  }
  return out;
}

Product ProductFrom(const cql::Row& row) {
  Product p;
  p.id = ProductId{row.Get<std::int64_t>("product_id")};
  p.seller_id = SellerId{row.Get<std::optional<std::int64_t>>("seller_id").value_or(0)};
  p.name = row.Get<std::optional<std::string>>("product_name").value_or("");
  p.description = row.Get<std::optional<std::string>>("product_description").value_or("");
  p.price = row.Get<std::optional<std::int64_t>>("product_price").value_or(0);
  p.stock = row.Get<std::optional<std::int64_t>>("stock_count").value_or(0);
  p.tags = row.Get<std::vector<std::string>>("tags");
  p.created_at = row.Get<std::optional<TimePoint>>("created_at").value_or(TimePoint{});
  p.updated_at = row.Get<std::optional<TimePoint>>("updated_at").value_or(TimePoint{});
  p.deleted_at = row.Get<std::optional<TimePoint>>("deleted_at");
  return p;
}

}  // namespace

struct CqlProductStore::Statements {
  cql::PreparedStatement find, insert, insert_by_seller, update_details, mark_deleted, delete_by_seller, list_ids,
      project_stock;
};

awaitable<Result<std::unique_ptr<CqlProductStore>>> CqlProductStore::Create(std::shared_ptr<cql::Session> session,
                                                                            CqlRunner& runner) {
  auto st = std::make_unique<Statements>();
  const std::pair<cql::PreparedStatement*, const char*> texts[] = {
      {&st->find,
       "SELECT product_id, seller_id, product_name, product_description, product_price, stock_count, tags, "
       "created_at, updated_at, deleted_at FROM product WHERE product_id = ?"},
      {&st->insert,
       "INSERT INTO product (product_id, seller_id, product_name, product_description, product_price, stock_count, "
       "tags, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) IF NOT EXISTS"},
      {&st->insert_by_seller, "INSERT INTO product_by_seller (seller_id, product_id) VALUES (?, ?)"},
      {&st->update_details,
       "UPDATE product SET product_name = ?, product_description = ?, product_price = ?, tags = ?, updated_at = ? "
       "WHERE product_id = ?"},
      {&st->mark_deleted, "UPDATE product SET deleted_at = ? WHERE product_id = ?"},
      {&st->delete_by_seller, "DELETE FROM product_by_seller WHERE seller_id = ? AND product_id = ?"},
      {&st->list_ids, "SELECT product_id FROM product_by_seller WHERE seller_id = ?"},
      // The ledger's version is the cell's write timestamp: the newest stock wins in any arrival order.
      {&st->project_stock, "UPDATE product USING TIMESTAMP ? SET stock_count = ? WHERE product_id = ?"},
  };
  for (const auto& [slot, text] : texts) {
    auto prepared = co_await session->Prepare(text);
    if (!prepared) co_return Infra(prepared.error());
    *slot = std::move(*prepared);
  }
  co_return std::make_unique<CqlProductStore>(std::move(session), runner, std::move(st));
}

CqlProductStore::CqlProductStore(std::shared_ptr<cql::Session> session, CqlRunner& runner,
                                 std::unique_ptr<Statements> statements)
    : session_(std::move(session)), runner_(runner), st_(std::move(statements)) {}

CqlProductStore::~CqlProductStore() = default;

awaitable<Result<std::optional<Product>>> CqlProductStore::FindAsync(ProductId id) {
  cql::QueryOptions o;
  o.idempotent = true;
  auto rs = co_await session_->Execute(st_->find, Values(id.value()), o);
  if (!rs) co_return Infra(rs.error());
  if (rs->empty()) co_return std::optional<Product>{};
  co_return std::optional<Product>(ProductFrom(rs->front()));
}

Result<std::optional<Product>> CqlProductStore::Find(ProductId id) { return runner_.Block(FindAsync(id)); }

Status CqlProductStore::Insert(const Product& p) {
  return runner_.Block([](CqlProductStore* self, Product p) -> awaitable<Status> {
    auto rs = co_await self->session_->Execute(
        self->st_->insert, Values(p.id.value(), p.seller_id.value(), p.name, p.description, p.price, p.stock, p.tags,
                                  p.created_at, p.updated_at));
    if (!rs) co_return Infra(rs.error());
    cql::QueryOptions o;
    o.idempotent = true;
    auto idx = co_await self->session_->Execute(self->st_->insert_by_seller, Values(p.seller_id.value(), p.id.value()), o);
    if (!idx) co_return Infra(idx.error());
    co_return Status{};
  }(this, p));
}

Status CqlProductStore::UpdateDetails(const Product& p) {
  return runner_.Block([](CqlProductStore* self, Product p) -> awaitable<Status> {
    cql::QueryOptions o;
    o.idempotent = true;
    auto rs = co_await self->session_->Execute(
        self->st_->update_details, Values(p.name, p.description, p.price, p.tags, p.updated_at, p.id.value()), o);
    if (!rs) co_return Infra(rs.error());
    co_return Status{};
  }(this, p));
}

Status CqlProductStore::MarkDeleted(const Product& p, TimePoint at) {
  return runner_.Block([](CqlProductStore* self, Product p, TimePoint at) -> awaitable<Status> {
    cql::QueryOptions o;
    o.idempotent = true;
    auto rs = co_await self->session_->Execute(self->st_->mark_deleted, Values(at, p.id.value()), o);
    if (!rs) co_return Infra(rs.error());
    auto idx = co_await self->session_->Execute(self->st_->delete_by_seller, Values(p.seller_id.value(), p.id.value()), o);
    if (!idx) co_return Infra(idx.error());
    co_return Status{};
  }(this, p, at));
}

Result<ProductStore::IdPage> CqlProductStore::ListIdsBySeller(SellerId seller, const std::string& cursor, int size) {
  std::optional<std::string> state;
  if (!cursor.empty()) {
    state = Unhex(cursor);
    if (!state) return Error::Permanent("catalog.bad_cursor", "the cursor is not valid");
  }
  return runner_.Block([](CqlProductStore* self, SellerId seller, std::optional<std::string> state,
                          int size) -> awaitable<Result<IdPage>> {
    cql::QueryOptions o;
    o.idempotent = true;
    o.page_size = size;
    o.paging_state = std::move(state);
    auto rs = co_await self->session_->Execute(self->st_->list_ids, Values(seller.value()), o);
    if (!rs) co_return Infra(rs.error());
    IdPage page;
    for (const auto& row : *rs) page.ids.emplace_back(row.Get<std::int64_t>("product_id"));
    if (rs->paging_state() && !page.ids.empty()) page.next_cursor = Hex(*rs->paging_state());
    co_return page;
  }(this, seller, std::move(state), size));
}

Status CqlProductStore::ProjectStock(ProductId id, std::int64_t stock, std::int64_t version) {
  return runner_.Block([](CqlProductStore* self, ProductId id, std::int64_t stock,
                          std::int64_t version) -> awaitable<Status> {
    cql::QueryOptions o;
    o.idempotent = true;
    auto rs = co_await self->session_->Execute(self->st_->project_stock, Values(version, stock, id.value()), o);
    if (!rs) co_return Infra(rs.error());
    co_return Status{};
  }(this, id, stock, version));
}

}  // namespace eda::catalog
