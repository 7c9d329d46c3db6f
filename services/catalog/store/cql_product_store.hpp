#pragma once

#include <memory>
#include <string>

#include <boost/asio/awaitable.hpp>

#include "catalog/domain/catalog_ports.hpp"
#include "catalog/store/cql_runner.hpp"
#include "eda/cql/session.hpp"

namespace eda::catalog {

// ProductStore on Cassandra (keyspace tables of store/schema.cpp), through libs/cql prepared
// statements. Stock columns are written only with lightweight transactions and read with the
// session's serial consistency, so every CAS decision sees every earlier applied CAS.
// The blocking methods run their statements on `runner` (never call them from its threads);
// FindAsync is for coroutines (the HTTP read path). Thread-safe.
class CqlProductStore : public ProductStore {
 public:
  // Prepares every statement on `session` (whose keyspace is set). Errors: the preparation error.
  static boost::asio::awaitable<Result<std::unique_ptr<CqlProductStore>>> Create(std::shared_ptr<cql::Session> session,
                                                                                 CqlRunner& runner);

  boost::asio::awaitable<Result<std::optional<Product>>> FindAsync(ProductId id);

  Result<std::optional<Product>> Find(ProductId id) override;
  Status Insert(const Product& product) override;
  Status UpdateDetails(const Product& product) override;
  Status MarkDeleted(const Product& product, TimePoint at) override;
  Result<IdPage> ListIdsBySeller(SellerId seller, const std::string& cursor, int size) override;
  Result<StockSnapshot> ReadStock(ProductId id) override;
  Result<CasResult> CasStock(ProductId id, const StockSnapshot& expected, std::int64_t new_stock,
                             const std::optional<std::string>& add_op) override;
  Status ClearOp(ProductId id, const std::string& marker) override;
  Result<CreateResult> CreateReservation(const Reservation& reservation) override;
  Result<bool> TransitionReservation(const std::string& order_id, ReservationState from, ReservationState to,
                                     const std::string& reason) override;
  Result<std::optional<Reservation>> FindReservation(const std::string& order_id) override;

  struct Statements;
  CqlProductStore(std::shared_ptr<cql::Session> session, CqlRunner& runner, std::unique_ptr<Statements> statements);
  ~CqlProductStore() override;

 private:
  boost::asio::awaitable<Result<StockSnapshot>> ReadStockAsync(ProductId id);
  boost::asio::awaitable<Result<CasResult>> CasAsync(ProductId id, StockSnapshot expected, std::int64_t new_stock,
                                                     std::optional<std::string> add_op);

  std::shared_ptr<cql::Session> session_;
  CqlRunner& runner_;
  std::unique_ptr<Statements> st_;
};

}  // namespace eda::catalog
