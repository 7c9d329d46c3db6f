#pragma once

#include <functional>

#include <boost/asio/awaitable.hpp>

#include "eda/core/result.hpp"
#include "eda/http/router.hpp"
#include "search/domain/rebuild_trigger.hpp"
#include "search/domain/search_service.hpp"

namespace eda::search {

// Runs a blocking function off the I/O thread (the Redis pool's workers in production) and resumes the
// handler when it is done. It may skip the function (pool stopped): handlers start from an error.
// The function is passed by reference and lives in the awaiting handler's frame. (Handlers never build
// a non-trivial temporary inside a co_await expression: GCC 12 may destroy such temporaries twice.)
using Offloader = std::function<boost::asio::awaitable<void>(const std::function<void()>&)>;

// Registers:
//   GET  /search/tags/{tag}       seed route: JSON array of product ids (numbers)
//   GET  /search/products         tags/mode/q/sort/page/size query over the read model
//   POST /search/admin/rebuild    ADMIN: start a rebuild (202; 409 rebuild_running)
//   GET  /search/admin/rebuild    ADMIN: rebuild status
// `service`, `rebuild` and `offload` must outlive the router.
void AddSearchRoutes(http::Router& router, const SearchService& service, RebuildTrigger& rebuild, Offloader offload);

}  // namespace eda::search
