#pragma once

#include <functional>
#include <optional>

#include <boost/asio/awaitable.hpp>

#include "catalog/domain/catalog_service.hpp"
#include "eda/http/blocking_pool.hpp"
#include "eda/http/router.hpp"

namespace eda::catalog {

// Reads one product without blocking an I/O thread (the GET hot path): the Cassandra store's
// FindAsync in production, a fake in tests.
using AsyncProductFinder = std::function<boost::asio::awaitable<Result<std::optional<Product>>>(ProductId)>;

// Registers the catalog routes (the seed routes plus PUT/PATCH and paging; see api/openapi.json).
// Reads are public; writes need a bearer token (ownership is checked by the use cases).
// `service`, `blocking` and `finder` must outlive the router.
void AddCatalogRoutes(http::Router& router, const CatalogService& service, http::BlockingPool& blocking,
                      AsyncProductFinder finder);

}  // namespace eda::catalog
