#include "catalog/api/catalog_routes.hpp"

#include "catalog/api/catalog_json.hpp"
#include "eda/http/json_body.hpp"
#include "eda/log/log.hpp"

namespace eda::catalog {
namespace {

using boost::asio::awaitable;
using http::Request;
using http::Response;

// 5xx answers hide their cause from the client; the log keeps it.
Response Fail(const Request& req, const CatalogError& error) {
  if (error.code == CatalogErrc::kUnavailable || error.code == CatalogErrc::kInternal) {
    log::Error(req.log_context(), "catalog request failed", {{"route", req.route_pattern()}, {"cause", error.cause}});
  }
  return ErrorResponse(error);
}

Caller ToCaller(const http::Principal* p) {
  if (p == nullptr) return Caller{};
  return Caller{true, p->member_id, p->HasRole("SELLER"), p->HasRole("ADMIN")};
}

std::optional<ProductId> PathProductId(const Request& req) {
  const auto id = req.path_param_int("productId");
  if (!id || *id <= 0) return std::nullopt;
  return ProductId{*id};
}

http::Problem BadProductId() { return http::Problem::Validation({{"productId", "must be a positive integer"}}); }

// PUT replaces every updatable field (all required); PATCH changes the fields present.
awaitable<Response> UpdateHandler(Request& req, const CatalogService& service, http::BlockingPool& blocking,
                                  bool replace) {
  const auto id = PathProductId(req);
  if (!id) co_return BadProductId();
  auto body = http::JsonBody::Parse(req.body());
  if (!body.ok()) co_return std::move(body).error();
  ProductPatch patch;
  if (replace) {
    patch.name = body->String("productName");
    patch.description = body->String("productDescription");
    patch.price = body->Int("productPrice");
  } else {
    patch.name = body->OptionalString("productName");
    patch.description = body->OptionalString("productDescription");
    patch.price = body->OptionalInt("productPrice");
  }
  patch.tags = ReadTags(*body, replace);
  if (!body->ok()) co_return body->ToProblem();
  const Caller caller = ToCaller(req.principal());
  auto product = co_await blocking.Run([&] { return service.Update(caller, *id, patch); });
  if (!product.ok()) co_return Fail(req, product.error());
  co_return Response::Json(ProductJson(*product));
}

awaitable<Response> StockHandler(Request& req, const CatalogService& service, http::BlockingPool& blocking,
                                 std::string_view field, int sign) {
  const auto id = PathProductId(req);
  if (!id) co_return BadProductId();
  auto body = http::JsonBody::Parse(req.body());
  if (!body.ok()) co_return std::move(body).error();
  const std::int64_t count = body->Int(field, http::IntRule::Between(1, 1'000'000'000));
  if (!body->ok()) co_return body->ToProblem();
  const Caller caller = ToCaller(req.principal());
  auto product = co_await blocking.Run([&] { return service.AdjustStock(caller, *id, sign * count); });
  if (!product.ok()) co_return Fail(req, product.error());
  co_return Response::Json(ProductJson(*product));
}

}  // namespace

void AddCatalogRoutes(http::Router& router, const CatalogService& service, http::BlockingPool& blocking,
                      AsyncProductFinder finder) {
  router.Post(
      "/catalog/products/register",
      [&service, &blocking](Request& req) -> awaitable<Response> {
        auto body = http::JsonBody::Parse(req.body());
        if (!body.ok()) co_return std::move(body).error();
        ProductDraft draft;
        draft.seller_id = SellerId{body->Int("sellerId")};
        draft.name = body->String("productName");
        draft.description = body->OptionalString("productDescription").value_or("");
        draft.price = body->Int("productPrice");
        draft.stock = body->Int("stockCount");
        draft.tags = ReadTags(*body, false).value_or(std::vector<std::string>{});
        if (!body->ok()) co_return body->ToProblem();
        const Caller caller = ToCaller(req.principal());
        auto product = co_await blocking.Run([&] { return service.Register(caller, draft); });
        if (!product.ok()) co_return Fail(req, product.error());
        co_return Response::Json(ProductJson(*product));
      },
      http::RequireAuth());

  router.Get("/catalog/products/{productId}", [finder](Request& req) -> awaitable<Response> {
    const auto id = PathProductId(req);
    if (!id) co_return BadProductId();
    auto found = co_await finder(*id);
    if (!found.ok()) co_return Fail(req, FromInfra(found.error()));
    if (!found->has_value() || (*found)->deleted()) {
      co_return ErrorResponse(
          CatalogError::Of(CatalogErrc::kProductNotFound, "no product " + std::to_string(id->value())));
    }
    co_return Response::Json(ProductJson(**found));
  });

  router.Put(
      "/catalog/products/{productId}",
      [&service, &blocking](Request& req) -> awaitable<Response> {
        co_return co_await UpdateHandler(req, service, blocking, true);
      },
      http::RequireAuth());
  router.Patch(
      "/catalog/products/{productId}",
      [&service, &blocking](Request& req) -> awaitable<Response> {
        co_return co_await UpdateHandler(req, service, blocking, false);
      },
      http::RequireAuth());

  router.Delete(
      "/catalog/products/{productId}",
      [&service, &blocking](Request& req) -> awaitable<Response> {
        const auto id = PathProductId(req);
        if (!id) co_return BadProductId();
        const Caller caller = ToCaller(req.principal());
        auto done = co_await blocking.Run([&] { return service.Delete(caller, *id); });
        if (!done.ok()) co_return Fail(req, done.error());
        co_return Response::Empty(204);
      },
      http::RequireAuth());

  router.Get("/catalog/sellers/{sellerId}/products", [&service, &blocking](Request& req) -> awaitable<Response> {
    const auto seller = req.path_param_int("sellerId");
    if (!seller || *seller <= 0) co_return http::Problem::Validation({{"sellerId", "must be a positive integer"}});
    std::int64_t size = 0;
    if (req.query("size")) {
      const auto s = req.query_int("size");
      if (!s || *s < 1 || *s > 100) co_return http::Problem::Validation({{"size", "must be an integer in 1..100"}});
      size = *s;
    }
    const std::string cursor = req.query("cursor").value_or("");
    auto page = co_await blocking.Run(
        [&] { return service.ListBySeller(SellerId{*seller}, cursor, static_cast<int>(size)); });
    if (!page.ok()) {
      if (page.error().cause.find("catalog.bad_cursor") != std::string::npos) {
        co_return http::Problem::Validation({{"cursor", "is not a cursor this service issued"}});
      }
      co_return Fail(req, page.error());
    }
    // The body stays the seed's plain array; the next page is announced in a header.
    Response response = Response::Json(ProductListJson(page->items));
    if (!page->next_cursor.empty()) response.SetHeader("X-Next-Cursor", page->next_cursor);
    co_return response;
  });

  router.Post(
      "/catalog/products/{productId}/decreaseStockCount",
      [&service, &blocking](Request& req) -> awaitable<Response> {
        co_return co_await StockHandler(req, service, blocking, "decrementStockCount", -1);
      },
      http::RequireAuth());
  router.Post(
      "/catalog/products/{productId}/increaseStockCount",
      [&service, &blocking](Request& req) -> awaitable<Response> {
        co_return co_await StockHandler(req, service, blocking, "incrementStockCount", 1);
      },
      http::RequireAuth());
}

}  // namespace eda::catalog
