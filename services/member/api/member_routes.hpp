#pragma once

#include "eda/http/blocking_pool.hpp"
#include "eda/http/router.hpp"
#include "member/domain/member_service.hpp"

namespace eda::member {

struct RouteSettings {
  // Take the client address for login throttling from the last X-Forwarded-For entry (the one the
  // proxy in front appended; without the header, the TCP peer). Only for deployments whose clients
  // all come through such a proxy (EDA_MEMBER_TRUST_FORWARDED_FOR: the nginx edge of ./eda and of
  // the chart); otherwise a client could pick its own address. Off: the TCP peer address.
  bool trust_forwarded_for = false;
};

// Registers the eight member routes (see api/openapi.json) on `router`. Handlers are thin: parse JSON,
// call one MemberService function on `blocking` (argon2id and the database block), map the result.
// `service` and `blocking` must outlive the server using the router.
void AddMemberRoutes(http::Router& router, const MemberService& service, http::BlockingPool& blocking,
                     RouteSettings settings = {});

}  // namespace eda::member
