#include "search/api/search_routes.hpp"

#include <functional>
#include <string>

#include "search/api/error_table.hpp"
#include "search/api/search_json.hpp"

namespace eda::search {

using boost::asio::awaitable;

namespace {
// What a handler answers when the offloaded call did not run (the worker pool is stopping).
SearchError NotRun() { return SearchError{SearchErrc::kUnavailable, "the service is shutting down", {}}; }
}  // namespace

void AddSearchRoutes(http::Router& router, const SearchService& service, RebuildTrigger& rebuild, Offloader offload) {
  router.Get("/search/tags/{tag}", [&service, offload](http::Request& req) -> awaitable<http::Response> {
    const std::string tag(req.path_param("tag"));
    Result<std::vector<std::int64_t>, SearchError> found = NotRun();
    const std::function<void()> job = [&] { found = service.ProductsByTag(tag); };
    co_await offload(job);
    if (!found) co_return ToProblem(found.error());
    co_return http::Response::Json(ToJson(*found));
  });

  router.Get("/search/products", [&service, offload](http::Request& req) -> awaitable<http::Response> {
    SearchParams params;
    params.tags = req.query("tags");
    params.mode = req.query("mode");
    params.q = req.query("q");
    params.sort = req.query("sort");
    params.page = req.query("page");
    params.size = req.query("size");
    // Validation needs no I/O: answer a bad query on the I/O thread.
    if (auto plan = PlanQuery(params); !plan) co_return ToProblem(plan.error());
    Result<SearchPage, SearchError> found = NotRun();
    const std::function<void()> job = [&] { found = service.Search(params); };
    co_await offload(job);
    if (!found) co_return ToProblem(found.error());
    co_return http::Response::Json(ToJson(*found));
  });

  router.Post(
      "/search/admin/rebuild",
      [&rebuild](http::Request&) -> awaitable<http::Response> {
        auto started = rebuild.Start();
        if (!started) co_return ToProblem(started.error());
        co_return http::Response::Json(202, boost::json::object{{"status", "started"}});
      },
      http::RequireRoles({"ADMIN"}));

  router.Get(
      "/search/admin/rebuild",
      [&rebuild, offload](http::Request&) -> awaitable<http::Response> {
        RebuildStatus status;
        const std::function<void()> job = [&] { status = rebuild.Status(); };
        co_await offload(job);
        co_return http::Response::Json(ToJson(status));
      },
      http::RequireRoles({"ADMIN"}));
}

}  // namespace eda::search
