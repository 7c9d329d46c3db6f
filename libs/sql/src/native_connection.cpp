#include "native_connection.hpp"

#include <algorithm>
#include <cstring>
#include <mutex>
#include <stdexcept>

#include "binding.hpp"
#include "eda/sql/errors.hpp"

namespace eda::sql::detail {
namespace {

unsigned int Seconds(std::chrono::milliseconds ms) {
  // The connector's timeouts are whole seconds; round up so a short timeout never becomes "none".
  return static_cast<unsigned int>(std::max<long long>(1, (ms.count() + 999) / 1000));
}

// One result column's fetch buffers; the MYSQL_BIND entries point into these.
struct Column {
  FetchAs kind = FetchAs::kBytes;
  std::int64_t i = 0;
  double d = 0;
  MYSQL_TIME t{};
  std::string buf;
  unsigned long length = 0;
  my_bool is_null = 0;
  my_bool error = 0;
};

}  // namespace

Result<std::unique_ptr<NativeConnection>> NativeConnection::Open(const Settings& settings, bool multi_statements) {
  static std::once_flag library_once;
  // mysql_library_init is not thread-safe; mysql_init would call it lazily from any thread.
  std::call_once(library_once, [] { mysql_library_init(0, nullptr, nullptr); });

  MYSQL* m = mysql_init(nullptr);
  if (m == nullptr) return Error::Transient(std::string(errc::kConnection), "mysql_init failed (out of memory)");
  const unsigned int connect_s = Seconds(settings.connect_timeout);
  const unsigned int read_s = Seconds(settings.read_timeout);
  const unsigned int write_s = Seconds(settings.write_timeout);
  const unsigned int protocol = MYSQL_PROTOCOL_TCP;
  my_bool reconnect = 0;  // a silent reconnect would lose session state (transactions, statements)
  mysql_options(m, MYSQL_OPT_CONNECT_TIMEOUT, &connect_s);
  mysql_options(m, MYSQL_OPT_READ_TIMEOUT, &read_s);
  mysql_options(m, MYSQL_OPT_WRITE_TIMEOUT, &write_s);
  mysql_options(m, MYSQL_OPT_PROTOCOL, &protocol);
  mysql_options(m, MYSQL_OPT_RECONNECT, &reconnect);
  mysql_options(m, MYSQL_SET_CHARSET_NAME, "utf8mb4");
  mysql_options(m, MYSQL_INIT_COMMAND, "SET time_zone = '+00:00'");
  const unsigned long flags = multi_statements ? CLIENT_MULTI_STATEMENTS : 0;
  if (mysql_real_connect(m, settings.host.c_str(), settings.user.c_str(), settings.password.Reveal().c_str(),
                         settings.database.c_str(), settings.port, nullptr, flags) == nullptr) {
    Error e = ClassifyError(mysql_errno(m), mysql_error(m));
    mysql_close(m);
    return e;
  }
  std::unique_ptr<NativeConnection> c(new NativeConnection(m, settings.statement_cache_size));
  c->thread_id_ = mysql_thread_id(m);
  c->last_used = std::chrono::steady_clock::now();
  return c;
}

NativeConnection::~NativeConnection() {
  for (auto& [sql, entry] : cache_) mysql_stmt_close(entry.stmt);
  mysql_close(mysql_);
}

Error NativeConnection::ConnectionFailure() {
  const unsigned int n = mysql_errno(mysql_);
  if (n == 0) {
    broken_ = true;
    return Error::Transient(std::string(errc::kConnection), "unknown client error");
  }
  if (IsConnectionError(n)) broken_ = true;
  return ClassifyError(n, mysql_error(mysql_));
}

Error NativeConnection::StatementFailure(MYSQL_STMT* s) {
  const unsigned int n = mysql_stmt_errno(s);
  if (n == 0) return ConnectionFailure();
  if (IsConnectionError(n)) broken_ = true;
  return ClassifyError(n, mysql_stmt_error(s));
}

Result<MYSQL_STMT*> NativeConnection::Prepare(std::string_view sql) {
  std::string key(sql);
  if (auto it = cache_.find(key); it != cache_.end()) {
    it->second.last_use = ++use_counter_;
    return it->second.stmt;
  }
  if (cache_.size() >= cache_size_) {
    auto victim = std::min_element(cache_.begin(), cache_.end(),
                                   [](const auto& a, const auto& b) { return a.second.last_use < b.second.last_use; });
    mysql_stmt_close(victim->second.stmt);
    cache_.erase(victim);
  }
  MYSQL_STMT* s = mysql_stmt_init(mysql_);
  if (s == nullptr) return ConnectionFailure();
  if (mysql_stmt_prepare(s, sql.data(), static_cast<unsigned long>(sql.size())) != 0) {
    Error e = StatementFailure(s);
    mysql_stmt_close(s);
    return e;
  }
  my_bool update_max_length = 1;  // lets Query size string buffers exactly after store_result
  mysql_stmt_attr_set(s, STMT_ATTR_UPDATE_MAX_LENGTH, &update_max_length);
  cache_.emplace(std::move(key), CachedStatement{s, ++use_counter_});
  return s;
}

void NativeConnection::DropStatement(std::string_view sql) {
  if (auto it = cache_.find(std::string(sql)); it != cache_.end()) {
    mysql_stmt_close(it->second.stmt);
    cache_.erase(it);
  }
}

Result<MYSQL_STMT*> NativeConnection::PrepareAndRun(std::string_view sql, const std::vector<Param>& params) {
  if (broken_) return Error::Transient(std::string(errc::kConnection), "connection is broken");
  auto prepared = Prepare(sql);
  if (!prepared) return prepared;
  MYSQL_STMT* s = *prepared;
  const unsigned long count = mysql_stmt_param_count(s);
  if (count != params.size())
    throw std::invalid_argument("sql: statement has " + std::to_string(count) + " placeholders but " +
                                std::to_string(params.size()) + " parameters were given");
  std::vector<ParamBuffer> buffers;
  std::vector<MYSQL_BIND> binds;
  if (count > 0) {
    BindParams(params, buffers, binds);
    if (mysql_stmt_bind_param(s, binds.data()) != 0) return StatementFailure(s);
  }
  if (mysql_stmt_execute(s) != 0) {
    Error e = StatementFailure(s);
    // The statement may be left mid-protocol; preparing afresh next time is cheap and safe.
    if (!broken_) DropStatement(sql);
    return e;
  }
  return s;
}

Result<ExecResult> NativeConnection::Execute(std::string_view sql, const std::vector<Param>& params) {
  auto ran = PrepareAndRun(sql, params);
  if (!ran) return std::move(ran).error();
  MYSQL_STMT* s = *ran;
  ExecResult r;
  if (mysql_stmt_field_count(s) > 0) {
    // A statement with a result set run through Execute: drain it so the connection stays usable.
    const int rc = mysql_stmt_store_result(s);
    mysql_stmt_free_result(s);
    if (rc != 0) return StatementFailure(s);
    return r;
  }
  r.affected_rows = mysql_stmt_affected_rows(s);
  r.last_insert_id = mysql_stmt_insert_id(s);
  return r;
}

Result<Rows> NativeConnection::Query(std::string_view sql, const std::vector<Param>& params) {
  auto ran = PrepareAndRun(sql, params);
  if (!ran) return std::move(ran).error();
  MYSQL_STMT* s = *ran;
  const unsigned int ncols = mysql_stmt_field_count(s);
  if (ncols == 0) return Rows{};
  if (mysql_stmt_store_result(s) != 0) {
    Error e = StatementFailure(s);
    mysql_stmt_free_result(s);
    return e;
  }
  MYSQL_RES* meta = mysql_stmt_result_metadata(s);
  if (meta == nullptr) {
    mysql_stmt_free_result(s);
    return StatementFailure(s);
  }
  const MYSQL_FIELD* fields = mysql_fetch_fields(meta);
  auto names = std::make_shared<std::vector<std::string>>();
  names->reserve(ncols);
  std::vector<Column> cols(ncols);
  std::vector<MYSQL_BIND> binds(ncols);
  for (unsigned int c = 0; c < ncols; ++c) {
    names->emplace_back(fields[c].name, fields[c].name_length);
    Column& col = cols[c];
    MYSQL_BIND& b = binds[c];
    std::memset(&b, 0, sizeof b);
    col.kind = FetchKind(fields[c].type, fields[c].flags);
    switch (col.kind) {
      case FetchAs::kInt:
      case FetchAs::kUint:
        b.buffer_type = MYSQL_TYPE_LONGLONG;
        b.buffer = &col.i;
        b.is_unsigned = col.kind == FetchAs::kUint;
        break;
      case FetchAs::kDouble:
        b.buffer_type = MYSQL_TYPE_DOUBLE;
        b.buffer = &col.d;
        break;
      case FetchAs::kTime:
        b.buffer_type = MYSQL_TYPE_DATETIME;
        b.buffer = &col.t;
        b.buffer_length = sizeof col.t;
        break;
      case FetchAs::kBytes:
      case FetchAs::kNull:
        col.buf.resize(std::max<unsigned long>(1, fields[c].max_length));
        b.buffer_type = MYSQL_TYPE_STRING;
        b.buffer = col.buf.data();
        b.buffer_length = static_cast<unsigned long>(col.buf.size());
        break;
    }
    b.length = &col.length;
    b.is_null = &col.is_null;
    b.error = &col.error;
  }
  mysql_free_result(meta);
  if (mysql_stmt_bind_result(s, binds.data()) != 0) {
    Error e = StatementFailure(s);
    mysql_stmt_free_result(s);
    return e;
  }
  std::vector<Row> rows;
  rows.reserve(static_cast<std::size_t>(mysql_stmt_num_rows(s)));
  std::shared_ptr<const std::vector<std::string>> shared_names = names;
  for (;;) {
    const int rc = mysql_stmt_fetch(s);
    if (rc == MYSQL_NO_DATA) break;
    if (rc == 1) {
      Error e = StatementFailure(s);
      mysql_stmt_free_result(s);
      return e;
    }
    std::vector<Value> values(ncols);
    for (unsigned int c = 0; c < ncols; ++c) {
      Column& col = cols[c];
      if (col.is_null) continue;
      switch (col.kind) {
        case FetchAs::kInt: values[c] = col.i; break;
        case FetchAs::kUint: values[c] = static_cast<std::uint64_t>(col.i); break;
        case FetchAs::kDouble: values[c] = col.d; break;
        case FetchAs::kTime: values[c] = FromMysqlTime(col.t); break;
        case FetchAs::kBytes:
        case FetchAs::kNull:
          if (col.length > col.buf.size()) {
            // Longer than the advertised max_length: fetch the whole value.
            std::string big(col.length, '\0');
            unsigned long got = 0;
            MYSQL_BIND fb;
            std::memset(&fb, 0, sizeof fb);
            fb.buffer_type = MYSQL_TYPE_STRING;
            fb.buffer = big.data();
            fb.buffer_length = col.length;
            fb.length = &got;
            if (mysql_stmt_fetch_column(s, &fb, c, 0) != 0) {
              Error e = StatementFailure(s);
              mysql_stmt_free_result(s);
              return e;
            }
            big.resize(std::min<unsigned long>(got, col.length));
            values[c] = std::move(big);
          } else {
            values[c] = std::string(col.buf.data(), col.length);
          }
          break;
      }
    }
    rows.emplace_back(shared_names, std::move(values));
  }
  mysql_stmt_free_result(s);
  return Rows(shared_names, std::move(rows));
}

Status NativeConnection::Batch(std::string_view sql) {
  if (broken_) return Error::Transient(std::string(errc::kConnection), "connection is broken");
  if (mysql_real_query(mysql_, sql.data(), static_cast<unsigned long>(sql.size())) != 0) return ConnectionFailure();
  for (;;) {
    MYSQL_RES* r = mysql_store_result(mysql_);
    if (r != nullptr) {
      mysql_free_result(r);
    } else if (mysql_field_count(mysql_) != 0) {
      return ConnectionFailure();
    }
    const int next = mysql_next_result(mysql_);
    if (next > 0) return ConnectionFailure();
    if (next < 0) break;
  }
  return {};
}

Status NativeConnection::Ping() {
  if (broken_) return Error::Transient(std::string(errc::kConnection), "connection is broken");
  if (mysql_ping(mysql_) != 0) {
    Error e = ConnectionFailure();
    broken_ = true;
    return e;
  }
  return {};
}

bool NativeConnection::ServerInTransaction() const noexcept {
  return (mysql_->server_status & SERVER_STATUS_IN_TRANS) != 0;
}

}  // namespace eda::sql::detail
