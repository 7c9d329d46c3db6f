#include "eda/events/outbox.hpp"

#include <boost/json.hpp>
#include <atomic>
#include <mutex>
#include <stdexcept>

#include "eda/sql/errors.hpp"
#include "eda/sql/statement_shapes.hpp"

namespace eda::events {
namespace {

std::string CheckedTable(std::string table) {
  bool ok = !table.empty() && table.size() <= 48 && !(table[0] >= '0' && table[0] <= '9');
  for (char c : table)
    ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_');
  if (!ok) throw std::invalid_argument("invalid table name for outbox/inbox: " + table);
  return table;
}

// The bound values of one outbox row (7 columns); returns the event id.
std::string AppendRow(const OutgoingEvent& event, std::vector<sql::Param>& params) {
  Envelope env = Envelope::New(event.event_type, event.source, event.trace_id);
  if (!event.event_id.empty()) env.event_id = event.event_id;
  env.schema_version = event.schema_version;
  Headers headers = EncodeEnvelope(env);
  headers.insert(headers.end(), event.extra_headers.begin(), event.extra_headers.end());
  params.emplace_back(event.key);
  params.emplace_back(event.topic);
  params.emplace_back(env.event_id);
  params.emplace_back(env.event_type);
  params.emplace_back(sql::Bytes{EncodeHeadersJson(headers)});
  params.emplace_back(sql::Bytes{event.payload});
  params.emplace_back(env.produced_at);
  return env.event_id;
}

}  // namespace

struct Outbox::CommitSignal {
  std::mutex mutex;
  std::function<void()> wake;
  std::atomic<int> open{0};  // writing transactions not ended (or ended, wake not yet run)

  void Ended(bool committed) {
    if (committed) {
      std::lock_guard lock(mutex);
      if (wake) wake();
    }
    // After the wake-up: the relay sees an open write or a wake-up, never neither.
    open.fetch_sub(1, std::memory_order_acq_rel);
  }
};

Outbox::Outbox(std::string table)
    : table_(CheckedTable(std::move(table))), signal_(std::make_shared<CommitSignal>()) {}

void Outbox::WakeOnCommit(std::function<void()> wake) {
  std::lock_guard lock(signal_->mutex);
  signal_->wake = std::move(wake);
}

bool Outbox::HasOpenWrites() const noexcept { return signal_->open.load(std::memory_order_acquire) > 0; }

void Outbox::SignalOnCommit(sql::Transaction& tx) const {
  signal_->open.fetch_add(1, std::memory_order_acq_rel);
  tx.OnEnd([signal = signal_](bool committed) { signal->Ended(committed); });
}

Result<std::string> Outbox::Add(sql::Transaction& tx, const OutgoingEvent& event) const {
  std::vector<sql::Param> params;
  std::string id = AppendRow(event, params);
  // The table name is a validated identifier; every value is a bound parameter.
  auto r = tx.Execute("INSERT INTO " + table_ +
                          " (aggregate_key, topic, event_id, event_type, headers, payload, created_at)"
                          " VALUES (?, ?, ?, ?, ?, ?, ?)",
                      params);
  if (!r) return std::move(r).error();
  SignalOnCommit(tx);
  return id;
}

Status Outbox::AddAll(sql::Transaction& tx, const std::vector<OutgoingEvent>& events, bool skip_existing) const {
  for (std::size_t at = 0; at < events.size();) {
    const std::size_t chunk = sql::ChunkRows(events.size() - at, 32);
    std::string sql = "INSERT INTO " + table_ + " (aggregate_key, topic, event_id, event_type, headers, payload, created_at) VALUES " +
                      sql::RowPlaceholders(chunk, 7);
    std::vector<sql::Param> params;
    for (std::size_t i = 0; i < chunk; ++i) AppendRow(events[at + i], params);
    if (skip_existing) sql += " ON DUPLICATE KEY UPDATE event_id = event_id";
    if (auto r = tx.Execute(sql, params); !r) return std::move(r).error();
    at += chunk;
  }
  if (!events.empty()) SignalOnCommit(tx);
  return {};
}

sql::Migration Outbox::Migration(int version) const {
  sql::Migration m;
  m.version = version;
  m.name = table_;
  m.sql = "CREATE TABLE IF NOT EXISTS " + table_ +
          " (\n"
          "  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,\n"
          "  aggregate_key VARCHAR(255) NOT NULL,\n"
          "  topic VARCHAR(249) NOT NULL,\n"
          "  event_id CHAR(36) NOT NULL,\n"
          "  event_type VARCHAR(255) NOT NULL,\n"
          "  headers BLOB NOT NULL,\n"
          "  payload LONGBLOB NOT NULL,\n"
          "  created_at DATETIME(6) NOT NULL,\n"
          "  published_at DATETIME(6) NULL,\n"
          "  UNIQUE KEY uq_" + table_ + "_event (event_id),\n"
          "  KEY ix_" + table_ + "_pending (published_at, id)\n"
          ") ENGINE=InnoDB;\n"
          "CREATE TABLE IF NOT EXISTS " + table_ + "_lock (id INT NOT NULL PRIMARY KEY) ENGINE=InnoDB;\n"
          "INSERT IGNORE INTO " + table_ + "_lock (id) VALUES (1)";
  return m;
}

Inbox::Inbox(std::string table) : table_(CheckedTable(std::move(table))) {}

Result<bool> Inbox::TryRecord(sql::Transaction& tx, std::string_view consumer, std::string_view event_id) const {
  auto r = tx.Execute("INSERT INTO " + table_ + " (consumer, event_id, processed_at) VALUES (?, ?, UTC_TIMESTAMP(6))",
                      {consumer, event_id});
  if (r) return true;
  if (r.error().code == sql::errc::kDuplicateKey) return false;
  return std::move(r).error();
}

Result<std::uint64_t> Inbox::Forget(sql::Connection& conn, std::chrono::seconds age, int limit) const {
  // The cut-off is computed by the database, in the clock processed_at was written with.
  auto r = conn.Execute("DELETE FROM " + table_ +
                            " WHERE processed_at < UTC_TIMESTAMP(6) - INTERVAL ? SECOND ORDER BY processed_at LIMIT ?",
                        {static_cast<std::int64_t>(age.count()), limit});
  if (!r) return std::move(r).error();
  return r->affected_rows;
}

Result<std::set<std::string>> Inbox::Processed(sql::Transaction& tx, std::string_view consumer,
                                               const std::vector<std::string>& event_ids) const {
  std::set<std::string> out;
  for (std::size_t at = 0; at < event_ids.size();) {
    // One query per batch of up to 64 ids.
    const std::size_t width = sql::InListWidth(event_ids.size() - at, 64);
    const std::size_t take = std::min(width, event_ids.size() - at);
    const std::string sql = "SELECT event_id FROM " + table_ + " WHERE consumer = ? AND event_id IN (" +
                            sql::Placeholders(width) + ")";
    std::vector<sql::Param> params{consumer};
    for (std::size_t i = 0; i < width; ++i) params.emplace_back(event_ids[at + std::min(i, take - 1)]);
    auto rows = tx.Query(sql, params);
    if (!rows) return std::move(rows).error();
    for (const auto& row : *rows) out.insert(row.Get<std::string>(0));
    at += take;
  }
  return out;
}

Status Inbox::RecordAll(sql::Transaction& tx, std::string_view consumer,
                        const std::vector<std::string>& event_ids) const {
  for (std::size_t at = 0; at < event_ids.size();) {
    const std::size_t chunk = sql::ChunkRows(event_ids.size() - at, 64);
    std::string sql = "INSERT INTO " + table_ + " (consumer, event_id, processed_at) VALUES ";
    std::vector<sql::Param> params;
    for (std::size_t i = 0; i < chunk; ++i) {
      sql += i == 0 ? "(?, ?, UTC_TIMESTAMP(6))" : ", (?, ?, UTC_TIMESTAMP(6))";
      params.emplace_back(consumer);
      params.emplace_back(event_ids[at + i]);
    }
    if (auto r = tx.Execute(sql, params); !r) return std::move(r).error();
    at += chunk;
  }
  return {};
}

sql::Migration Inbox::Migration(int version) const {
  sql::Migration m;
  m.version = version;
  m.name = table_;
  m.sql = "CREATE TABLE IF NOT EXISTS " + table_ +
          " (\n"
          "  consumer VARCHAR(128) NOT NULL,\n"
          "  event_id CHAR(36) NOT NULL,\n"
          "  processed_at DATETIME(6) NOT NULL,\n"
          "  PRIMARY KEY (consumer, event_id),\n"
          "  KEY ix_" + table_ + "_processed (processed_at)\n"
          ") ENGINE=InnoDB";
  return m;
}

Status ApplyEventMigrations(const sql::Settings& settings, std::string_view service, const Outbox& outbox,
                            const Inbox& inbox) {
  auto r = sql::ApplyMigrations(settings, std::string(service) + ".events", {outbox.Migration(1), inbox.Migration(2)});
  if (!r) return std::move(r).error();
  return {};
}

std::string EncodeHeadersJson(const Headers& headers) {
  boost::json::array arr;
  for (const auto& h : headers) arr.push_back(boost::json::array{boost::json::string(h.key), boost::json::string(h.value)});
  return boost::json::serialize(arr);
}

Result<Headers> DecodeHeadersJson(std::string_view json) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(json, ec);
  auto bad = [] { return Error::Permanent("events.bad_headers", "outbox headers column is not [[key, value], ...]"); };
  if (ec || !v.is_array()) return bad();
  Headers out;
  for (const auto& item : v.as_array()) {
    if (!item.is_array() || item.as_array().size() != 2 || !item.as_array()[0].is_string() ||
        !item.as_array()[1].is_string())
      return bad();
    out.push_back(Header{std::string(item.as_array()[0].as_string()), std::string(item.as_array()[1].as_string())});
  }
  return out;
}

}  // namespace eda::events
