#pragma once

#include <vector>

#include <boost/json/object.hpp>

#include "eda/http/response.hpp"
#include "member/domain/member.hpp"
#include "member/domain/member_error.hpp"
#include "member/domain/member_service.hpp"

namespace eda::member {

// JSON and problem mapping of the member routes (camelCase, seed-compatible). Pure; thread-safe.

// {id, loginId, userName, role}: the seed's fields plus role. Never a password or hash.
boost::json::object MemberJson(const Member& member);

// The member fields plus {accessToken, refreshToken, expiresIn, tokenType: "Bearer"}.
boost::json::object SessionJson(const MemberService::Session& session);

// {"sellers": [{id, userName}, ...]}: the public seller-name lookup; nothing but those two fields.
boost::json::object SellerNamesJson(const std::vector<SellerName>& sellers);

// {"revocations": [{seq, memberId, minVersion}, ...]}: the answer to the token-revocation poll.
boost::json::object RevocationsJson(const std::vector<MemberRepository::TokenRevocation>& revocations);

// The RFC 9457 response for `error` through the error table: status, code, type, title, detail,
// field errors ("errors": [{field, message}]), Retry-After for 429, WWW-Authenticate for 401.
// Never includes MemberError::cause (that is for logs).
http::Response ErrorResponse(const MemberError& error);

}  // namespace eda::member
