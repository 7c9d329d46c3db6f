#include "member/api/member_json.hpp"

#include <algorithm>

#include "member/api/error_table.hpp"

namespace eda::member {

boost::json::object MemberJson(const Member& member) {
  return boost::json::object{{"id", member.id.value()},
                             {"loginId", member.login_id},
                             {"userName", member.user_name},
                             {"role", RoleName(member.role)}};
}

boost::json::object SessionJson(const MemberService::Session& session) {
  boost::json::object out = MemberJson(session.member);
  out["accessToken"] = session.access.token;
  out["refreshToken"] = session.refresh_token;
  out["expiresIn"] = session.access.expires_in.count();
  out["tokenType"] = "Bearer";
  return out;
}

boost::json::object SellerNamesJson(const std::vector<SellerName>& sellers) {
  boost::json::array list;
  for (const auto& s : sellers) list.push_back(boost::json::object{{"id", s.id.value()}, {"userName", s.user_name}});
  return boost::json::object{{"sellers", std::move(list)}};
}

boost::json::object RevocationsJson(const std::vector<MemberRepository::TokenRevocation>& revocations) {
  boost::json::array list;
  for (const auto& r : revocations) {
    list.push_back(boost::json::object{{"seq", r.seq}, {"memberId", r.member_id.value()}, {"minVersion", r.min_version}});
  }
  return boost::json::object{{"revocations", std::move(list)}};
}

http::Response ErrorResponse(const MemberError& error) {
  const ErrorMapping& mapping = MapError(error.code);
  http::Problem problem;
  problem.status = mapping.status;
  problem.code = std::string(mapping.code);
  problem.type = std::string(mapping.type);
  problem.title = std::string(mapping.title);
  problem.detail = error.detail;
  for (const FieldError& f : error.fields) problem.errors.push_back(http::FieldError{f.field, f.message});
  http::Response response(std::move(problem));
  if (error.code == MemberErrc::kTooManyAttempts) {
    const auto seconds = std::max<std::int64_t>(error.retry_after.count(), 1);
    response.SetHeader("Retry-After", std::to_string(seconds));
  }
  if (mapping.status == 401) response.SetHeader("WWW-Authenticate", "Bearer");
  return response;
}

}  // namespace eda::member
