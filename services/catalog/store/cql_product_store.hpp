#pragma once

#include <memory>
#include <string>

#include <boost/asio/awaitable.hpp>

#include "catalog/domain/catalog_ports.hpp"
#include "catalog/store/cql_runner.hpp"
#include "eda/cql/session.hpp"

namespace eda::catalog {

// ProductStore on Cassandra (keyspace tables of store/schema.cpp), through libs/cql prepared
// statements. stock_count is the ledger's projection, written with the ledger's version as timestamp.
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
  Status ProjectStock(ProductId id, std::int64_t stock, std::int64_t version) override;

  struct Statements;
  CqlProductStore(std::shared_ptr<cql::Session> session, CqlRunner& runner, std::unique_ptr<Statements> statements);
  ~CqlProductStore() override;

 private:
  std::shared_ptr<cql::Session> session_;
  CqlRunner& runner_;
  std::unique_ptr<Statements> st_;
};

}  // namespace eda::catalog
