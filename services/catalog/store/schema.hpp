#pragma once

#include <memory>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "eda/core/result.hpp"
#include "eda/cql/session.hpp"
#include "eda/events/outbox.hpp"
#include "eda/sql/migrations.hpp"
#include "eda/sql/settings.hpp"

namespace eda::catalog {

// The MariaDB migrations (store/migrations/*.sql, compiled in).
std::vector<sql::Migration> CatalogMigrations();

// Applies the catalog migrations and the outbox/inbox tables (`catalog_outbox`, `catalog_inbox`).
// Blocking; call at start.
Status ApplyCatalogSchema(const sql::Settings& settings, const events::Outbox& outbox, const events::Inbox& inbox);

// Cassandra schema settings.
struct CassandraSchemaSettings {
  std::string keyspace = "catalog";  // EDA_CATALOG_KEYSPACE ([a-z][a-z0-9_]*, <= 48 chars)
  // The replication map of CREATE KEYSPACE (EDA_CATALOG_REPLICATION); SimpleStrategy RF 1 fits the
  // single dev node; use NetworkTopologyStrategy with RF 3 on a real cluster.
  std::string replication = "{'class': 'SimpleStrategy', 'replication_factor': 1}";
};

// The CQL statements that create the keyspace (first) and tables (idempotent: IF NOT EXISTS).
std::vector<std::string> CassandraSchemaStatements(const CassandraSchemaSettings& settings);

// Runs CassandraSchemaStatements on `session` (no keyspace needed on the session), without the
// CREATE KEYSPACE when the keyspace exists: a role with CREATE and ALTER on that keyspace only (the
// catalog's, made by ./eda) can run it.
boost::asio::awaitable<Status> ApplyCassandraSchema(cql::Session& session, const CassandraSchemaSettings& settings);

}  // namespace eda::catalog
