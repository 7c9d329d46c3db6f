#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "eda/http/method.hpp"
#include "eda/http/request.hpp"
#include "eda/http/response.hpp"

namespace eda::http {

// A route handler: a coroutine on the connection's strand. It must not block (use BlockingPool or an
// async driver). Exceptions escaping it become a logged 500 problem with an error id.
using Handler = std::function<boost::asio::awaitable<Response>(Request&)>;

enum class AuthMode {
  kNone,      // no token looked at; principal() is null
  kOptional,  // a token, if present, must be valid (else 401); principal() set when present
  kRequired,  // 401 without a valid bearer token
};

struct RouteOptions {
  AuthMode auth = AuthMode::kNone;
  // When non-empty, the principal must hold at least ONE of these roles (else 403). Implies kRequired.
  std::vector<std::string> roles;
};

// Shorthands (GCC warns about designated initializers that omit members):
//   router.Post("/orders", PlaceOrder, RequireAuth());
//   router.Delete("/catalog/products/{productId}", DeleteProduct, RequireRoles({"ADMIN"}));
inline RouteOptions RequireAuth() { return RouteOptions{AuthMode::kRequired, {}}; }
inline RouteOptions OptionalAuth() { return RouteOptions{AuthMode::kOptional, {}}; }
inline RouteOptions RequireRoles(std::vector<std::string> any_of) {
  return RouteOptions{AuthMode::kRequired, std::move(any_of)};
}

// One registered route. Addresses are stable for the router's lifetime.
struct Route {
  Method method = Method::kGet;
  std::string pattern;  // "/catalog/products/{productId}"
  Handler handler;
  RouteOptions options;
  std::size_t index = 0;  // position in registration order (routes()[index])

  struct Segment {
    std::string text;  // literal text, or the parameter name when is_param
    bool is_param = false;
  };
  std::vector<Segment> segments;
};

// Maps (method, path) to a route. Patterns are absolute paths whose segments are literals or
// `{name}` parameters matching one non-empty segment; a literal segment beats a parameter at the same
// position ("/products/search" wins over "/products/{id}"). One trailing slash is ignored.
// Built once before the server starts, then read concurrently (Find is const and thread-safe).
//
//   Router r;
//   r.Get("/catalog/products/{productId}", GetProduct);
//   r.Post("/orders", PlaceOrder, RequireAuth());
class Router {
 public:
  Router();
  ~Router();
  Router(Router&&) noexcept;
  Router& operator=(Router&&) noexcept;

  // Registers a route. Throws std::invalid_argument for a malformed pattern (not starting with '/',
  // empty or unbalanced `{}`) or a duplicate (method, pattern-shape) — both are programming errors.
  Route& Add(Method method, std::string_view pattern, Handler handler, RouteOptions options = {});
  Route& Get(std::string_view p, Handler h, RouteOptions o = {}) { return Add(Method::kGet, p, std::move(h), std::move(o)); }
  Route& Post(std::string_view p, Handler h, RouteOptions o = {}) { return Add(Method::kPost, p, std::move(h), std::move(o)); }
  Route& Put(std::string_view p, Handler h, RouteOptions o = {}) { return Add(Method::kPut, p, std::move(h), std::move(o)); }
  Route& Patch(std::string_view p, Handler h, RouteOptions o = {}) { return Add(Method::kPatch, p, std::move(h), std::move(o)); }
  Route& Delete(std::string_view p, Handler h, RouteOptions o = {}) { return Add(Method::kDelete, p, std::move(h), std::move(o)); }

  struct Match {
    enum class Outcome { kFound, kNotFound, kMethodNotAllowed };
    Outcome outcome = Outcome::kNotFound;
    const Route* route = nullptr;                              // kFound
    std::vector<std::pair<std::string, std::string>> params;  // kFound: decoded {name} values
    std::string allow;  // kMethodNotAllowed: "GET, POST" (methods of routes matching the path)
  };
  // `path` is the percent-encoded path (no query). HEAD falls back to a GET route.
  Match Find(Method method, std::string_view path) const;

  // All routes in registration order.
  std::vector<const Route*> routes() const;

 private:
  std::vector<std::unique_ptr<Route>> routes_;
};

}  // namespace eda::http
