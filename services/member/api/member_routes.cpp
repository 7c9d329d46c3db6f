#include "member/api/member_routes.hpp"

#include <charconv>
#include <optional>
#include <string_view>
#include <vector>

#include "eda/http/json_body.hpp"
#include "eda/log/log.hpp"
#include "member/api/auth_adapters.hpp"
#include "member/api/member_json.hpp"

namespace eda::member {
namespace {

using boost::asio::awaitable;
using http::Request;
using http::Response;

// 5xx answers hide their cause from the client; the log keeps it (never a password: causes are
// infrastructure error texts).
Response Fail(const Request& req, const MemberError& error) {
  if (error.code == MemberErrc::kUnavailable || error.code == MemberErrc::kInternal) {
    log::Error(req.log_context(), "member request failed",
               {{"route", req.route_pattern()}, {"cause", error.cause}});
  }
  return ErrorResponse(error);
}

http::RouteOptions WithAuth(http::AuthMode mode) {
  http::RouteOptions options;
  options.auth = mode;
  return options;
}

// Raises per token-revocation answer; a poller whose page is full asks again from its last seq.
constexpr std::size_t kRevocationPage = 1000;

std::string ClientAddress(const Request& req, const RouteSettings& settings) {
  if (!settings.trust_forwarded_for) return req.remote_address();
  // The last entry is the one the proxy in front of us appended (nginx's $proxy_add_x_forwarded_for);
  // the ones before it are whatever the client sent, so taking the first would let every attempt
  // pick a fresh address and escape the per-address counter.
  std::string_view forwarded = req.header("X-Forwarded-For");
  if (const auto comma = forwarded.rfind(','); comma != std::string_view::npos) forwarded.remove_prefix(comma + 1);
  while (!forwarded.empty() && forwarded.front() == ' ') forwarded.remove_prefix(1);
  while (!forwarded.empty() && forwarded.back() == ' ') forwarded.remove_suffix(1);
  if (forwarded.empty()) return req.remote_address();  // a direct caller, not through the proxy
  return std::string(forwarded.substr(0, 64));
}

// "3,1,7" → ids; nullopt when an entry is not a positive decimal integer (no signs, no blanks).
// Counting and repeats are the domain's (ValidateSellerLookup).
std::optional<std::vector<MemberId>> ParseIdList(std::string_view text) {
  std::vector<MemberId> ids;
  // Bounded before parsing, so a huge query costs nothing; the domain names the limit.
  if (text.empty() || text.size() > 24 * (kSellerLookupMaxIds + 1)) return std::nullopt;
  while (true) {
    const auto comma = text.find(',');
    const std::string_view item = text.substr(0, comma);
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(item.data(), item.data() + item.size(), value);
    if (item.empty() || item.front() == '-' || ec != std::errc{} || end != item.data() + item.size() || value <= 0) {
      return std::nullopt;
    }
    ids.emplace_back(value);
    if (comma == std::string_view::npos) return ids;
    text.remove_prefix(comma + 1);
  }
}

// Seller names change rarely and are the same for everyone: browsers and the edge may keep an
// answer this long, so a rename shows within a minute.
constexpr std::string_view kSellerNamesCacheControl = "public, max-age=60";

}  // namespace

void AddMemberRoutes(http::Router& router, const MemberService& service, http::BlockingPool& blocking,
                     RouteSettings settings) {
  router.Post(
      "/member/users/registration",
      [&service, &blocking, settings](Request& req) -> awaitable<Response> {
        auto body = http::JsonBody::Parse(req.body());
        if (!body.ok()) co_return std::move(body).error();
        const RegistrationInput input{body->OptionalString("loginId"), body->OptionalString("userName"),
                                      body->OptionalString("password"), body->OptionalString("role")};
        if (!body->ok()) co_return body->ToProblem();
        const Caller caller = ToCaller(req.principal());
        const std::string address = ClientAddress(req, settings);
        auto member = co_await blocking.Run([&] { return service.Register(input, caller, address); });
        if (!member.ok()) co_return Fail(req, member.error());
        co_return Response::Json(201, MemberJson(*member));
      },
      WithAuth(http::AuthMode::kOptional));

  router.Put(
      "/member/users/{memberId}/modify",
      [&service, &blocking](Request& req) -> awaitable<Response> {
        const auto id = req.path_param_int("memberId");
        if (!id || *id <= 0) co_return http::Problem::Validation({{"memberId", "must be a positive integer"}});
        auto body = http::JsonBody::Parse(req.body());
        if (!body.ok()) co_return std::move(body).error();
        const ModificationInput input{body->OptionalString("userName"), body->OptionalString("password"),
                                      body->OptionalString("currentPassword")};
        if (!body->ok()) co_return body->ToProblem();
        const Caller caller = ToCaller(req.principal());
        auto member = co_await blocking.Run([&] { return service.Modify(caller, MemberId{*id}, input); });
        if (!member.ok()) co_return Fail(req, member.error());
        co_return Response::Json(MemberJson(*member));
      },
      WithAuth(http::AuthMode::kRequired));

  router.Get(
      "/member/users/{loginId}/search-email",
      [&service, &blocking](Request& req) -> awaitable<Response> {
        const std::string login_id(req.path_param("loginId"));
        const Caller caller = ToCaller(req.principal());
        auto member = co_await blocking.Run([&] { return service.FindByLoginId(caller, login_id); });
        if (!member.ok()) co_return Fail(req, member.error());
        co_return Response::Json(MemberJson(*member));
      },
      WithAuth(http::AuthMode::kRequired));

  router.Post("/member/users/login", [&service, &blocking, settings](Request& req) -> awaitable<Response> {
    auto body = http::JsonBody::Parse(req.body());
    if (!body.ok()) co_return std::move(body).error();
    const LoginInput input{body->OptionalString("loginId"), body->OptionalString("password")};
    if (!body->ok()) co_return body->ToProblem();
    const std::string address = ClientAddress(req, settings);
    auto session = co_await blocking.Run([&] { return service.Login(input, address); });
    if (!session.ok()) co_return Fail(req, session.error());
    co_return Response::Json(SessionJson(*session));
  });

  router.Post("/member/tokens/refresh", [&service, &blocking](Request& req) -> awaitable<Response> {
    auto body = http::JsonBody::Parse(req.body());
    if (!body.ok()) co_return std::move(body).error();
    const std::string token = body->String("refreshToken", {.min_length = 1, .max_length = 512});
    if (!body->ok()) co_return body->ToProblem();
    auto session = co_await blocking.Run([&] { return service.Refresh(token); });
    if (!session.ok()) co_return Fail(req, session.error());
    co_return Response::Json(SessionJson(*session));
  });

  router.Post("/member/logout", [&service, &blocking](Request& req) -> awaitable<Response> {
    auto body = http::JsonBody::Parse(req.body());
    if (!body.ok()) co_return std::move(body).error();
    const std::string token = body->String("refreshToken", {.min_length = 1, .max_length = 512});
    if (!body->ok()) co_return body->ToProblem();
    auto done = co_await blocking.Run([&] { return service.Logout(token); });
    if (!done.ok()) co_return Fail(req, done.error());
    co_return Response::Empty(204);
  });

  // Public: the shop shows a seller's name beside each product (README "Seller names").
  router.Get("/member/sellers", [&service, &blocking](Request& req) -> awaitable<Response> {
    const auto text = req.query("ids");
    if (!text) co_return http::Problem::Validation({{"ids", "ids is required: member ids separated by commas"}});
    auto ids = ParseIdList(*text);
    if (!ids) co_return http::Problem::Validation({{"ids", "must be positive integers separated by commas"}});
    auto sellers = co_await blocking.Run([&] { return service.SellerNames(std::move(*ids)); });
    if (!sellers.ok()) co_return Fail(req, sellers.error());
    auto response = Response::Json(SellerNamesJson(*sellers));
    response.SetHeader("Cache-Control", kSellerNamesCacheControl);
    co_return response;
  });

  // Polled by every service (libs/service RevocationFeed) to refuse revoked access tokens.
  router.Get("/member/internal/token-revocations", [&service, &blocking](Request& req) -> awaitable<Response> {
    const auto after = req.query("after") ? req.query_int("after") : std::optional<std::int64_t>(0);
    if (!after || *after < 0) co_return http::Problem::Validation({{"after", "must be a non-negative integer"}});
    auto found = co_await blocking.Run([&] { return service.Revocations(*after, kRevocationPage); });
    if (!found.ok()) co_return Fail(req, found.error());
    co_return Response::Json(RevocationsJson(*found));
  });
}

}  // namespace eda::member
