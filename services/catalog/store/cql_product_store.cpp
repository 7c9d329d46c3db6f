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

Reservation ReservationFrom(const cql::Row& row) {
  Reservation r;
  r.order_id = row.Get<std::string>("order_id");
  r.product_id = ProductId{row.Get<std::optional<std::int64_t>>("product_id").value_or(0)};
  r.quantity = row.Get<std::optional<std::int64_t>>("quantity").value_or(0);
  r.state = ParseReservationState(row.Get<std::optional<std::string>>("state").value_or("")).value_or(
      ReservationState::kPending);
  r.reason = row.Get<std::optional<std::string>>("reason").value_or("");
  return r;
}

cql::QueryOptions Serial(const cql::Session& session) {
  cql::QueryOptions o;
  o.consistency = session.settings().serial_consistency;
  return o;
}

}  // namespace

struct CqlProductStore::Statements {
  cql::PreparedStatement find, insert, insert_by_seller, update_details, mark_deleted, delete_by_seller, list_ids,
      read_stock, cas_with_op, cas_plain, clear_op, create_reservation, transition_reservation, find_reservation;
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
       "stock_version, tags, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?) IF NOT EXISTS"},
      {&st->insert_by_seller, "INSERT INTO product_by_seller (seller_id, product_id) VALUES (?, ?)"},
      {&st->update_details,
       "UPDATE product SET product_name = ?, product_description = ?, product_price = ?, tags = ?, updated_at = ? "
       "WHERE product_id = ?"},
      {&st->mark_deleted, "UPDATE product SET deleted_at = ? WHERE product_id = ?"},
      {&st->delete_by_seller, "DELETE FROM product_by_seller WHERE seller_id = ? AND product_id = ?"},
      {&st->list_ids, "SELECT product_id FROM product_by_seller WHERE seller_id = ?"},
      {&st->read_stock, "SELECT stock_count, stock_version, stock_ops, deleted_at FROM product WHERE product_id = ?"},
      {&st->cas_with_op,
       "UPDATE product SET stock_count = ?, stock_version = ?, stock_ops = stock_ops + ? WHERE product_id = ? "
       "IF stock_version = ? AND stock_count = ?"},
      {&st->cas_plain,
       "UPDATE product SET stock_count = ?, stock_version = ? WHERE product_id = ? "
       "IF stock_version = ? AND stock_count = ?"},
      {&st->clear_op, "UPDATE product SET stock_ops = stock_ops - ? WHERE product_id = ? IF EXISTS"},
      {&st->create_reservation,
       "INSERT INTO stock_reservation (order_id, product_id, quantity, state, reason, created_at, updated_at) "
       "VALUES (?, ?, ?, ?, ?, ?, ?) IF NOT EXISTS"},
      {&st->transition_reservation,
       "UPDATE stock_reservation SET state = ?, reason = ?, updated_at = ? WHERE order_id = ? IF state = ?"},
      {&st->find_reservation,
       "SELECT order_id, product_id, quantity, state, reason FROM stock_reservation WHERE order_id = ?"},
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

awaitable<Result<StockSnapshot>> CqlProductStore::ReadStockAsync(ProductId id) {
  cql::QueryOptions o = Serial(*session_);
  o.idempotent = true;
  auto rs = co_await session_->Execute(st_->read_stock, Values(id.value()), o);
  if (!rs) co_return Infra(rs.error());
  StockSnapshot s;
  if (rs->empty()) co_return s;
  const cql::Row& row = rs->front();
  s.exists = true;
  s.stock = row.Get<std::optional<std::int64_t>>("stock_count").value_or(0);
  s.version = row.Get<std::optional<std::int64_t>>("stock_version").value_or(0);
  const auto ops = row.Get<std::set<std::string>>("stock_ops");
  s.ops.assign(ops.begin(), ops.end());
  s.deleted = row.Get<std::optional<TimePoint>>("deleted_at").has_value();
  co_return s;
}

Result<StockSnapshot> CqlProductStore::ReadStock(ProductId id) { return runner_.Block(ReadStockAsync(id)); }

awaitable<Result<CasResult>> CqlProductStore::CasAsync(ProductId id, StockSnapshot expected, std::int64_t new_stock,
                                                      std::optional<std::string> add_op) {
  cql::QueryOptions o;
  o.serial_consistency = session_->settings().serial_consistency;
  const std::int64_t next_version = expected.version + 1;
  cql::PreparedStatement statement = add_op ? st_->cas_with_op : st_->cas_plain;
  std::vector<Value> values;
  values.emplace_back(new_stock);
  values.emplace_back(next_version);
  if (add_op) values.emplace_back(std::set<std::string>{*add_op});
  values.emplace_back(id.value());
  values.emplace_back(expected.version);
  values.emplace_back(expected.stock);
  auto rs = co_await session_->Execute(statement, std::move(values), o);
  if (!rs) co_return Infra(rs.error());
  CasResult out;
  out.applied = rs->applied();
  if (out.applied) {
    out.current = expected;
    out.current.stock = new_stock;
    out.current.version = next_version;
    if (add_op) out.current.ops.push_back(*add_op);
    co_return out;
  }
  // The not-applied answer carries only the condition columns; the markers need a serial read.
  auto now = co_await ReadStockAsync(id);
  if (!now) co_return std::move(now).error();
  out.current = std::move(*now);
  co_return out;
}

Result<CasResult> CqlProductStore::CasStock(ProductId id, const StockSnapshot& expected, std::int64_t new_stock,
                                            const std::optional<std::string>& add_op) {
  return runner_.Block(CasAsync(id, expected, new_stock, add_op));
}

Status CqlProductStore::ClearOp(ProductId id, const std::string& marker) {
  return runner_.Block([](CqlProductStore* self, ProductId id, std::string marker) -> awaitable<Status> {
    cql::QueryOptions o;
    o.serial_consistency = self->session_->settings().serial_consistency;
    std::set<std::string> remove;
    remove.insert(marker);
    std::vector<Value> values = Values(remove, id.value());
    auto rs = co_await self->session_->Execute(self->st_->clear_op, std::move(values), o);
    if (!rs) co_return Infra(rs.error());
    co_return Status{};
  }(this, id, marker));
}

Result<ProductStore::CreateResult> CqlProductStore::CreateReservation(const Reservation& r) {
  return runner_.Block([](CqlProductStore* self, Reservation r) -> awaitable<Result<CreateResult>> {
    cql::QueryOptions o;
    o.serial_consistency = self->session_->settings().serial_consistency;
    const auto now = std::chrono::system_clock::now();
    auto rs = co_await self->session_->Execute(
        self->st_->create_reservation,
        Values(r.order_id, r.product_id.value(), r.quantity, std::string(ReservationStateName(r.state)), r.reason, now,
               now),
        o);
    if (!rs) co_return Infra(rs.error());
    if (rs->applied()) co_return CreateResult{true, r};
    if (rs->empty()) co_return Error::Transient("cql.lwt", "not applied without the current row");
    co_return CreateResult{false, ReservationFrom(rs->front())};
  }(this, r));
}

Result<bool> CqlProductStore::TransitionReservation(const std::string& order_id, ReservationState from,
                                                    ReservationState to, const std::string& reason) {
  return runner_.Block([](CqlProductStore* self, std::string order_id, ReservationState from, ReservationState to,
                          std::string reason) -> awaitable<Result<bool>> {
    cql::QueryOptions o;
    o.serial_consistency = self->session_->settings().serial_consistency;
    const cql::Unset keep;
    Value reason_value = reason.empty() ? Value(keep) : Value(reason);
    std::vector<Value> values = Values(std::string(ReservationStateName(to)), std::move(reason_value),
                                       std::chrono::system_clock::now(), order_id,
                                       std::string(ReservationStateName(from)));
    auto rs = co_await self->session_->Execute(self->st_->transition_reservation, std::move(values), o);
    if (!rs) co_return Infra(rs.error());
    co_return rs->applied();
  }(this, order_id, from, to, reason));
}

Result<std::optional<Reservation>> CqlProductStore::FindReservation(const std::string& order_id) {
  return runner_.Block([](CqlProductStore* self, std::string order_id) -> awaitable<Result<std::optional<Reservation>>> {
    cql::QueryOptions o = Serial(*self->session_);
    o.idempotent = true;
    auto rs = co_await self->session_->Execute(self->st_->find_reservation, Values(order_id), o);
    if (!rs) co_return Infra(rs.error());
    if (rs->empty()) co_return std::optional<Reservation>{};
    co_return std::optional<Reservation>(ReservationFrom(rs->front()));
  }(this, order_id));
}

}  // namespace eda::catalog
